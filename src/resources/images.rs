//! WorkSpace images: DescribeWorkspaceImages' fields, `Updates` included.

use aws_sdk_workspaces::types::WorkspaceImage;

use super::workspaces::{object, objects};
use crate::output::{Column, Resource, columns_get as get};

impl Resource for WorkspaceImage {
    const KIND: &'static str = "image";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<WorkspaceImage>] = &[
    Column::new("ImageId", |i: &WorkspaceImage| get::text(i.image_id())).shown("ID"),
    Column::new("Name", |i: &WorkspaceImage| get::text(i.name())).shown("NAME"),
    Column::new("Description", |i: &WorkspaceImage| {
        get::text(i.description())
    }),
    Column::new("OperatingSystem.Type", |i: &WorkspaceImage| {
        get::enumeration(i.operating_system().and_then(|o| o.r#type()))
    })
    .shown("OS"),
    Column::new("State", |i: &WorkspaceImage| get::enumeration(i.state())).shown("STATE"),
    Column::new("RequiredTenancy", |i: &WorkspaceImage| {
        get::enumeration(i.required_tenancy())
    }),
    Column::new("ErrorCode", |i: &WorkspaceImage| get::text(i.error_code())),
    Column::new("ErrorMessage", |i: &WorkspaceImage| {
        get::text(i.error_message())
    }),
    Column::new("Created", |i: &WorkspaceImage| get::time(i.created())).shown("CREATED"),
    Column::new("OwnerAccountId", |i: &WorkspaceImage| {
        get::text(i.owner_account_id())
    }),
    Column::new("Updates.UpdateAvailable", |i: &WorkspaceImage| {
        get::boolean(i.updates().and_then(|u| u.update_available()))
    })
    .shown("UPDATE AVAILABLE"),
    Column::new("Updates.Description", |i: &WorkspaceImage| {
        get::text(i.updates().and_then(|u| u.description()))
    }),
    Column::new("ErrorDetails", |i: &WorkspaceImage| {
        objects(i.error_details(), |d| {
            object([
                ("ErrorCode", get::enumeration(d.error_code())),
                ("ErrorMessage", get::text(d.error_message())),
            ])
        })
    }),
];

impl Resource for aws_sdk_workspaces::types::ImagePermission {
    const KIND: &'static str = "image permission";

    fn columns() -> &'static [Column<Self>] {
        PERMISSION_COLUMNS
    }
}

const PERMISSION_COLUMNS: &[Column<aws_sdk_workspaces::types::ImagePermission>] = &[Column::new(
    "SharedAccountId",
    |p: &aws_sdk_workspaces::types::ImagePermission| get::text(p.shared_account_id()),
)
.shown("ACCOUNT")];
