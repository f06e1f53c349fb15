//! A custom image import's progress: DescribeCustomWorkspaceImageImport's fields.

use aws_sdk_workspaces::operation::describe_custom_workspace_image_import::DescribeCustomWorkspaceImageImportOutput as Import;
use aws_sdk_workspaces::types::ImageSourceIdentifier;

use super::workspaces::{object, objects};
use crate::output::{Column, Resource, columns_get as get};

impl Resource for Import {
    const KIND: &'static str = "image import";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

/// The one member of the ImageSource union that is set.
fn source(import: &Import, member: &str) -> Option<serde_json::Value> {
    let value = match (import.image_source()?, member) {
        (ImageSourceIdentifier::Ec2ImageId(id), "Ec2ImageId") => id,
        (ImageSourceIdentifier::Ec2ImportTaskId(id), "Ec2ImportTaskId") => id,
        (ImageSourceIdentifier::ImageBuildVersionArn(arn), "ImageBuildVersionArn") => arn,
        _ => return None,
    };
    get::text(Some(value))
}

const COLUMNS: &[Column<Import>] = &[
    Column::new("ImageId", |i: &Import| get::text(i.image_id())).shown("IMAGE"),
    Column::new("State", |i: &Import| get::enumeration(i.state())).shown("STATE"),
    Column::new("ProgressPercentage", |i: &Import| {
        get::int(i.progress_percentage())
    })
    .shown("PROGRESS %"),
    Column::new("StateMessage", |i: &Import| get::text(i.state_message())).shown("MESSAGE"),
    Column::new("Created", |i: &Import| get::time(i.created())),
    Column::new("LastUpdatedTime", |i: &Import| {
        get::time(i.last_updated_time())
    })
    .shown("UPDATED"),
    Column::new("InfrastructureConfigurationArn", |i: &Import| {
        get::text(i.infrastructure_configuration_arn())
    }),
    Column::new("ImageSource.Ec2ImageId", |i: &Import| {
        source(i, "Ec2ImageId")
    }),
    Column::new("ImageSource.Ec2ImportTaskId", |i: &Import| {
        source(i, "Ec2ImportTaskId")
    }),
    Column::new("ImageSource.ImageBuildVersionArn", |i: &Import| {
        source(i, "ImageBuildVersionArn")
    }),
    Column::new("ImageBuilderInstanceId", |i: &Import| {
        get::text(i.image_builder_instance_id())
    }),
    Column::new("ErrorDetails", |i: &Import| {
        objects(i.error_details(), |e| {
            object([
                ("ErrorCode", get::text(e.error_code())),
                ("ErrorMessage", get::text(e.error_message())),
            ])
        })
    }),
];
