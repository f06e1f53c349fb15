//! Every answer uses the member names of the SDK's shapes.

use serde_json::{Value, json};

use super::{all_pages, application_id, call, create_request, seeded};

/// The members each response shape has in aws-sdk-workspaces 1.144; a member
/// outside these would be ignored by the SDK, so a misspelt one would
/// silently vanish.
const SHAPES: &[(&str, &[&str])] = &[
    (
        "Workspace",
        &[
            "BundleId",
            "ComputerName",
            "DataReplicationSettings",
            "DirectoryId",
            "ErrorCode",
            "ErrorMessage",
            "IpAddress",
            "Ipv6Address",
            "ModificationStates",
            "RelatedWorkspaces",
            "RootVolumeEncryptionEnabled",
            "StandbyWorkspacesProperties",
            "State",
            "SubnetId",
            "UserName",
            "UserVolumeEncryptionEnabled",
            "VolumeEncryptionKey",
            "WorkspaceId",
            "WorkspaceName",
            "WorkspaceProperties",
        ],
    ),
    (
        "WorkspaceProperties",
        &[
            "ComputeTypeName",
            "GlobalAccelerator",
            "NestedVirtualizationEnabled",
            "OperatingSystemName",
            "Protocols",
            "RootVolumeSizeGib",
            "RunningMode",
            "RunningModeAutoStopTimeoutInMinutes",
            "UserVolumeSizeGib",
        ],
    ),
    (
        "RelatedWorkspaceProperties",
        &["Region", "State", "Type", "WorkspaceId"],
    ),
    (
        "DataReplicationSettings",
        &["DataReplication", "RecoverySnapshotTime"],
    ),
    (
        "StandbyWorkspacesProperties",
        &[
            "DataReplication",
            "RecoverySnapshotTime",
            "StandbyWorkspaceId",
        ],
    ),
    ("ModificationState", &["Resource", "State"]),
    (
        "WorkspaceBundle",
        &[
            "BundleId",
            "BundleType",
            "ComputeType",
            "CreationTime",
            "Description",
            "ImageId",
            "LastUpdatedTime",
            "Name",
            "Owner",
            "RootStorage",
            "State",
            "UserStorage",
        ],
    ),
    (
        "WorkspaceDirectory",
        &[
            "ActiveDirectoryConfig",
            "Alias",
            "CertificateBasedAuthProperties",
            "CustomerUserName",
            "DirectoryId",
            "DirectoryName",
            "DirectoryType",
            "DnsIpAddresses",
            "DnsIpv6Addresses",
            "EndpointEncryptionMode",
            "ErrorMessage",
            "IDCConfig",
            "IamRoleId",
            "MicrosoftEntraConfig",
            "RegistrationCode",
            "SamlProperties",
            "SelfservicePermissions",
            "State",
            "StreamingProperties",
            "SubnetIds",
            "Tenancy",
            "UserIdentityType",
            "WorkspaceAccessProperties",
            "WorkspaceCreationProperties",
            "WorkspaceDirectoryDescription",
            "WorkspaceDirectoryName",
            "WorkspaceSecurityGroupId",
            "WorkspaceType",
            "ipGroupIds",
        ],
    ),
    (
        "DefaultWorkspaceCreationProperties",
        &[
            "CustomSecurityGroupId",
            "DefaultOu",
            "EnableInternetAccess",
            "EnableMaintenanceMode",
            "InstanceIamRoleArn",
            "UserEnabledAsLocalAdministrator",
        ],
    ),
    (
        "SelfservicePermissions",
        &[
            "ChangeComputeType",
            "IncreaseVolumeSize",
            "RebuildWorkspace",
            "RestartWorkspace",
            "SwitchRunningMode",
        ],
    ),
    (
        "WorkspaceAccessProperties",
        &[
            "AccessEndpointConfig",
            "DeviceTypeAndroid",
            "DeviceTypeChromeOs",
            "DeviceTypeIos",
            "DeviceTypeLinux",
            "DeviceTypeOsx",
            "DeviceTypeWeb",
            "DeviceTypeWindows",
            "DeviceTypeWorkSpacesThinClient",
            "DeviceTypeZeroClient",
        ],
    ),
    (
        "WorkspaceImage",
        &[
            "Created",
            "Description",
            "ErrorCode",
            "ErrorDetails",
            "ErrorMessage",
            "ImageId",
            "Name",
            "OperatingSystem",
            "OwnerAccountId",
            "RequiredTenancy",
            "State",
            "Updates",
        ],
    ),
    ("UpdateResult", &["Description", "UpdateAvailable"]),
    (
        "WorkSpaceApplication",
        &[
            "ApplicationId",
            "Created",
            "Description",
            "LicenseType",
            "Name",
            "Owner",
            "State",
            "SupportedComputeTypeNames",
            "SupportedOperatingSystemNames",
        ],
    ),
    (
        "ApplicationResourceAssociation",
        &[
            "ApplicationId",
            "AssociatedResourceId",
            "AssociatedResourceType",
            "Created",
            "LastUpdatedTime",
            "State",
            "StateReason",
        ],
    ),
    (
        "WorkspaceResourceAssociation",
        &[
            "AssociatedResourceId",
            "AssociatedResourceType",
            "Created",
            "LastUpdatedTime",
            "State",
            "StateReason",
            "WorkspaceId",
        ],
    ),
    (
        "BundleResourceAssociation",
        &[
            "AssociatedResourceId",
            "AssociatedResourceType",
            "BundleId",
            "Created",
            "LastUpdatedTime",
            "State",
            "StateReason",
        ],
    ),
    (
        "ImageResourceAssociation",
        &[
            "AssociatedResourceId",
            "AssociatedResourceType",
            "Created",
            "ImageId",
            "LastUpdatedTime",
            "State",
            "StateReason",
        ],
    ),
    ("AssociationStateReason", &["ErrorCode", "ErrorMessage"]),
    (
        "FailedCreateWorkspaceRequest",
        &["ErrorCode", "ErrorMessage", "WorkspaceRequest"],
    ),
    (
        "FailedWorkspaceChangeRequest",
        &["ErrorCode", "ErrorMessage", "WorkspaceId"],
    ),
    ("Tag", &["Key", "Value"]),
];

fn assert_shape(shape: &str, value: &Value) {
    let members = SHAPES
        .iter()
        .find(|(name, _)| *name == shape)
        .map(|(_, m)| *m)
        .expect("a known shape");
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{shape} is not an object: {value}"));
    assert!(!object.is_empty(), "{shape} is empty");
    for key in object.keys() {
        assert!(
            members.contains(&key.as_str()),
            "{shape} has no member {key}: {value}"
        );
    }
    let nested: &[(&str, &str)] = match shape {
        "Workspace" => &[
            ("WorkspaceProperties", "WorkspaceProperties"),
            ("DataReplicationSettings", "DataReplicationSettings"),
        ],
        "WorkspaceDirectory" => &[
            (
                "WorkspaceCreationProperties",
                "DefaultWorkspaceCreationProperties",
            ),
            ("SelfservicePermissions", "SelfservicePermissions"),
            ("WorkspaceAccessProperties", "WorkspaceAccessProperties"),
        ],
        "WorkspaceImage" => &[("Updates", "UpdateResult")],
        "ApplicationResourceAssociation"
        | "WorkspaceResourceAssociation"
        | "BundleResourceAssociation"
        | "ImageResourceAssociation" => &[("StateReason", "AssociationStateReason")],
        _ => &[],
    };
    for (member, nested_shape) in nested {
        if let Some(inner) = object.get(*member) {
            assert_shape(nested_shape, inner);
        }
    }
    let lists: &[(&str, &str)] = match shape {
        "Workspace" => &[
            ("RelatedWorkspaces", "RelatedWorkspaceProperties"),
            ("StandbyWorkspacesProperties", "StandbyWorkspacesProperties"),
            ("ModificationStates", "ModificationState"),
        ],
        _ => &[],
    };
    for (member, item_shape) in lists {
        for item in object
            .get(*member)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert_shape(item_shape, item);
        }
    }
    for timestamp in [
        "Created",
        "CreationTime",
        "LastUpdatedTime",
        "RecoverySnapshotTime",
    ] {
        if let Some(time) = object.get(timestamp) {
            assert!(
                time.is_f64() || time.is_i64(),
                "{shape}.{timestamp} is not epoch seconds: {time}"
            );
            assert!(
                time.as_f64()
                    .is_some_and(|seconds| seconds > 1.5e9 && seconds < 2.5e9)
            );
        }
    }
}

#[test]
fn every_answer_uses_the_sdk_member_names() {
    let mut state = seeded(300);
    let workspaces = all_pages(&mut state, "DescribeWorkspaces", json!({}), "Workspaces");
    assert!(
        workspaces
            .iter()
            .any(|w| w.get("StandbyWorkspacesProperties").is_some()),
        "the seed shows standby WorkSpaces"
    );
    assert!(workspaces.iter().any(|w| w.get("WorkspaceName").is_some()));
    for workspace in &workspaces {
        assert_shape("Workspace", workspace);
    }
    for bundle in all_pages(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"Owner": "AMAZON"}),
        "Bundles",
    ) {
        assert_shape("WorkspaceBundle", &bundle);
    }
    for directory in all_pages(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({}),
        "Directories",
    ) {
        assert_shape("WorkspaceDirectory", &directory);
    }
    for image in all_pages(&mut state, "DescribeWorkspaceImages", json!({}), "Images") {
        assert_shape("WorkspaceImage", &image);
    }
    for application in all_pages(
        &mut state,
        "DescribeApplications",
        json!({}),
        "Applications",
    ) {
        assert_shape("WorkSpaceApplication", &application);
    }
    let office = application_id(&state, super::super::seed::OFFICE_2021);
    for association in all_pages(
        &mut state,
        "DescribeApplicationAssociations",
        json!({"ApplicationId": office, "AssociatedResourceTypes": ["WORKSPACE", "BUNDLE", "IMAGE"]}),
        "Associations",
    ) {
        assert_shape("ApplicationResourceAssociation", &association);
    }
    let failed_workspace = state
        .associations
        .values()
        .find(|a| a.resource_type == "WORKSPACE" && a.state == "ERROR")
        .map(|a| a.resource_id.clone())
        .expect("a failed WorkSpace association");
    let from_workspace = call(
        &mut state,
        "DescribeWorkspaceAssociations",
        json!({"WorkspaceId": failed_workspace, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    for association in from_workspace["Associations"].as_array().expect("list") {
        assert_shape("WorkspaceResourceAssociation", association);
    }
    let custom_bundle = state
        .bundles
        .values()
        .find(|b| !b.amazon_owned)
        .map(|b| (b.bundle.bundle_id.clone(), b.bundle.image_id.clone()))
        .expect("a custom bundle");
    let from_bundle = call(
        &mut state,
        "DescribeBundleAssociations",
        json!({"BundleId": custom_bundle.0, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    for association in from_bundle["Associations"].as_array().expect("list") {
        assert_shape("BundleResourceAssociation", association);
    }
    let from_image = call(
        &mut state,
        "DescribeImageAssociations",
        json!({"ImageId": custom_bundle.1, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    for association in from_image["Associations"].as_array().expect("list") {
        assert_shape("ImageResourceAssociation", association);
    }
    let mut request = create_request(&state, "shape.check", "Standard with Amazon Linux 2");
    request["DirectoryId"] = json!("d-0000000000");
    let good_request = create_request(&state, "shape.ok", "Standard with Amazon Linux 2");
    let created = call(
        &mut state,
        "CreateWorkspaces",
        json!({"Workspaces": [request, good_request]}),
    );
    assert_shape(
        "FailedCreateWorkspaceRequest",
        &created["FailedRequests"][0],
    );
    assert_shape("Workspace", &created["PendingRequests"][0]);
    let stopped = call(
        &mut state,
        "StopWorkspaces",
        json!({"StopWorkspaceRequests": [{"WorkspaceId": "ws-zzzzzzzzz"}]}),
    );
    assert_shape(
        "FailedWorkspaceChangeRequest",
        &stopped["FailedRequests"][0],
    );
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    for tag in call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": directory_id}),
    )["TagList"]
        .as_array()
        .expect("list")
    {
        assert_shape("Tag", tag);
    }
}
