//! WorkSpaces applications (DescribeApplications) and the four kinds of
//! application association (workspace, application, bundle, image).

use aws_sdk_workspaces::types::{
    ApplicationResourceAssociation, BundleResourceAssociation, ImageResourceAssociation,
    WorkSpaceApplication, WorkspaceResourceAssociation,
};

use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::ASSOCIATED;

impl Resource for WorkSpaceApplication {
    const KIND: &'static str = "application";

    fn columns() -> &'static [Column<Self>] {
        APPLICATION_COLUMNS
    }
}

const APPLICATION_COLUMNS: &[Column<WorkSpaceApplication>] = &[
    Column::new("ApplicationId", |a: &WorkSpaceApplication| {
        get::text(a.application_id())
    })
    .shown("ID"),
    Column::new("Name", |a: &WorkSpaceApplication| get::text(a.name())).shown("NAME"),
    Column::new("Description", |a: &WorkSpaceApplication| {
        get::text(a.description())
    }),
    Column::new("Owner", |a: &WorkSpaceApplication| get::text(a.owner())).shown("OWNER"),
    Column::new("LicenseType", |a: &WorkSpaceApplication| {
        get::enumeration(a.license_type())
    })
    .shown("LICENSE"),
    Column::new("State", |a: &WorkSpaceApplication| {
        get::enumeration(a.state())
    })
    .shown("STATE"),
    Column::new("Created", |a: &WorkSpaceApplication| get::time(a.created())),
    Column::new("SupportedComputeTypeNames", |a: &WorkSpaceApplication| {
        get::list(a.supported_compute_type_names())
    }),
    Column::new(
        "SupportedOperatingSystemNames",
        |a: &WorkSpaceApplication| get::list(a.supported_operating_system_names()),
    )
    .shown("OPERATING SYSTEMS"),
];

/// The four association shapes share every field but the one naming their
/// owner (WorkspaceId, ApplicationId, BundleId, ImageId): declared once here.
macro_rules! association_resource {
    ($type:ty, $kind:literal, $columns:ident, $owner:literal, $owner_get:ident) => {
        impl Resource for $type {
            const KIND: &'static str = $kind;

            fn columns() -> &'static [Column<Self>] {
                $columns
            }
        }

        const $columns: &[Column<$type>] = &[
            Column::new($owner, |a: &$type| get::text(a.$owner_get())),
            Column::new("AssociatedResourceId", |a: &$type| {
                get::text(a.associated_resource_id())
            })
            .shown("RESOURCE")
            .refers_to(ASSOCIATED),
            Column::new("AssociatedResourceType", |a: &$type| {
                get::enumeration(a.associated_resource_type())
            })
            .shown("TYPE"),
            Column::new("Created", |a: &$type| get::time(a.created())),
            Column::new("LastUpdatedTime", |a: &$type| {
                get::time(a.last_updated_time())
            })
            .shown("UPDATED"),
            Column::new("State", |a: &$type| get::enumeration(a.state())).shown("STATE"),
            Column::new("StateReason.ErrorCode", |a: &$type| {
                get::enumeration(a.state_reason().and_then(|r| r.error_code()))
            })
            .shown("ERROR CODE"),
            Column::new("StateReason.ErrorMessage", |a: &$type| {
                get::text(a.state_reason().and_then(|r| r.error_message()))
            })
            .shown("ERROR"),
        ];
    };
}

association_resource!(
    WorkspaceResourceAssociation,
    "association",
    WORKSPACE_ASSOCIATION_COLUMNS,
    "WorkspaceId",
    workspace_id
);
association_resource!(
    ApplicationResourceAssociation,
    "association",
    APPLICATION_ASSOCIATION_COLUMNS,
    "ApplicationId",
    application_id
);
association_resource!(
    BundleResourceAssociation,
    "association",
    BUNDLE_ASSOCIATION_COLUMNS,
    "BundleId",
    bundle_id
);
association_resource!(
    ImageResourceAssociation,
    "association",
    IMAGE_ASSOCIATION_COLUMNS,
    "ImageId",
    image_id
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Selection, View};
    use aws_sdk_workspaces::types::{
        AssociationErrorCode, AssociationState, AssociationStateReason,
        WorkSpaceAssociatedResourceType,
    };
    use serde_json::json;

    #[test]
    fn an_association_shows_its_state_reason_under_the_api_names() {
        let association = WorkspaceResourceAssociation::builder()
            .workspace_id("ws-abc12345")
            .associated_resource_id("wsa-abcd1234")
            .associated_resource_type(WorkSpaceAssociatedResourceType::Application)
            .state(AssociationState::Error)
            .state_reason(
                AssociationStateReason::builder()
                    .error_code(AssociationErrorCode::InsufficientDiskspace)
                    .error_message("disk full")
                    .build(),
            )
            .build();
        let selection =
            Selection::<WorkspaceResourceAssociation>::resolve(None, View::Detail, false).unwrap();
        assert_eq!(
            selection.to_json(&association, None),
            json!({
                "WorkspaceId": "ws-abc12345",
                "AssociatedResourceId": "wsa-abcd1234",
                "AssociatedResourceType": "APPLICATION",
                "State": "ERROR",
                "StateReason": {
                    "ErrorCode": "ValidationError.InsufficientDiskSpace",
                    "ErrorMessage": "disk full"
                }
            })
        );
    }
}
