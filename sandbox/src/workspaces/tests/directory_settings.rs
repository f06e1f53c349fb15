//! Directory settings: self-service permissions and deregistration.

use serde_json::json;

use super::{call, error_code, seeded};

#[test]
fn self_service_permissions_change_only_what_is_given() {
    let mut state = seeded(0);
    let id = state
        .directories
        .keys()
        .next()
        .expect("a directory")
        .clone();
    let before = state.directories[&id].selfservice_permissions.clone();
    call(
        &mut state,
        "ModifySelfservicePermissions",
        json!({"ResourceId": id, "SelfservicePermissions": {"RebuildWorkspace": "ENABLED"}}),
    );
    let after = &state.directories[&id].selfservice_permissions;
    assert_eq!(after.rebuild_workspace, "ENABLED");
    assert_eq!(after.restart_workspace, before.restart_workspace);
    assert_eq!(
        error_code(
            &mut state,
            "ModifySelfservicePermissions",
            json!({"ResourceId": id, "SelfservicePermissions": {"RebuildWorkspace": "YES"}})
        ),
        "ValidationException"
    );
}

#[test]
fn a_directory_with_workspaces_cannot_be_deregistered() {
    let mut state = seeded(3);
    let busy = state
        .workspaces
        .values()
        .next()
        .expect("a WorkSpace")
        .workspace
        .directory_id
        .clone();
    assert_eq!(
        error_code(
            &mut state,
            "DeregisterWorkspaceDirectory",
            json!({"DirectoryId": busy})
        ),
        "InvalidResourceStateException"
    );
    let pools = state
        .directories
        .keys()
        .find(|id| id.starts_with("wsd-"))
        .expect("the seeded wsd- directory")
        .clone();
    call(
        &mut state,
        "DeregisterWorkspaceDirectory",
        json!({"DirectoryId": pools}),
    );
    assert!(!state.directories.contains_key(&pools));
}

fn first_ad(state: &super::WorkspacesState) -> String {
    state
        .directories
        .keys()
        .find(|id| id.starts_with("d-"))
        .expect("a seeded AD directory")
        .clone()
}

fn described(state: &mut super::WorkspacesState, id: &str) -> serde_json::Value {
    let answer = call(
        state,
        "DescribeWorkspaceDirectories",
        json!({"DirectoryIds": [id]}),
    );
    answer["Directories"][0].clone()
}

#[test]
fn access_properties_change_only_the_device_types_given() {
    let mut state = seeded(0);
    let id = first_ad(&state);
    call(
        &mut state,
        "ModifyWorkspaceAccessProperties",
        json!({"ResourceId": id, "WorkspaceAccessProperties": {
            "DeviceTypeWorkSpacesThinClient": "DENY",
            "AccessEndpointConfig": {"AccessEndpoints": [{"AccessEndpointType": "STREAMING_WSP", "VpcEndpointId": "vpce-0abc"}]}
        }}),
    );
    let access = &described(&mut state, &id)["WorkspaceAccessProperties"];
    assert_eq!(access["DeviceTypeWorkSpacesThinClient"], "DENY");
    assert_eq!(access["DeviceTypeWindows"], "ALLOW");
    assert_eq!(
        access["AccessEndpointConfig"]["AccessEndpoints"][0]["VpcEndpointId"],
        "vpce-0abc"
    );
    for bad in [
        json!({"ResourceId": id, "WorkspaceAccessProperties": {"DeviceTypeWeb": "MAYBE"}}),
        json!({"ResourceId": id}),
        json!({"ResourceId": id, "WorkspaceAccessProperties": {"AccessEndpointConfig": {}}}),
    ] {
        assert_eq!(
            error_code(&mut state, "ModifyWorkspaceAccessProperties", bad),
            "ValidationException"
        );
    }
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceAccessProperties",
            json!({"ResourceId": "d-0000000000", "WorkspaceAccessProperties": {"DeviceTypeWeb": "DENY"}})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn creation_properties_check_the_security_group_and_the_ou() {
    let mut state = seeded(0);
    let id = first_ad(&state);
    call(
        &mut state,
        "ModifyWorkspaceCreationProperties",
        json!({"ResourceId": id, "WorkspaceCreationProperties": {
            "EnableInternetAccess": false,
            "CustomSecurityGroupId": "sg-0123abcd",
            "InstanceIamRoleArn": "arn:aws:iam::123456789012:role/ws-instance"
        }}),
    );
    let creation = &described(&mut state, &id)["WorkspaceCreationProperties"];
    assert_eq!(creation["EnableInternetAccess"], false);
    assert_eq!(creation["CustomSecurityGroupId"], "sg-0123abcd");
    assert_eq!(
        creation["InstanceIamRoleArn"],
        "arn:aws:iam::123456789012:role/ws-instance"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceCreationProperties",
            json!({"ResourceId": id, "WorkspaceCreationProperties": {"CustomSecurityGroupId": "sg-1"}})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceCreationProperties",
            json!({"ResourceId": id, "WorkspaceCreationProperties": {"DefaultOu": "WorkSpaces"}})
        ),
        "InvalidParameterValuesException"
    );
}

#[test]
fn saml_needs_a_url_and_certificate_auth_needs_saml() {
    let mut state = seeded(0);
    let id = first_ad(&state);
    assert_eq!(
        error_code(
            &mut state,
            "ModifySamlProperties",
            json!({"ResourceId": id, "SamlProperties": {"Status": "ENABLED"}})
        ),
        "InvalidParameterValuesException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyCertificateBasedAuthProperties",
            json!({"ResourceId": id, "CertificateBasedAuthProperties": {"Status": "ENABLED",
                "CertificateAuthorityArn": "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc"}})
        ),
        "OperationNotSupportedException"
    );
    call(
        &mut state,
        "ModifySamlProperties",
        json!({"ResourceId": id, "SamlProperties": {"Status": "ENABLED", "UserAccessUrl": "https://idp.example.com/sso", "RelayStateParameterName": "RelayState"}}),
    );
    call(
        &mut state,
        "ModifyCertificateBasedAuthProperties",
        json!({"ResourceId": id, "CertificateBasedAuthProperties": {"Status": "ENABLED",
            "CertificateAuthorityArn": "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc"}}),
    );
    let directory = described(&mut state, &id);
    assert_eq!(directory["SamlProperties"]["Status"], "ENABLED");
    assert_eq!(
        directory["CertificateBasedAuthProperties"]["Status"],
        "ENABLED"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifySamlProperties",
            json!({"ResourceId": id, "SamlProperties": {"Status": "DISABLED"}})
        ),
        "OperationNotSupportedException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifySamlProperties",
            json!({"ResourceId": id, "SamlProperties": {"RelayStateParameterName": "x"},
                   "PropertiesToDelete": ["SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME"]})
        ),
        "InvalidParameterValuesException"
    );
    call(
        &mut state,
        "ModifySamlProperties",
        json!({"ResourceId": id, "PropertiesToDelete": ["SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME"]}),
    );
    assert!(
        described(&mut state, &id)["SamlProperties"]
            .get("RelayStateParameterName")
            .is_none()
    );
}

#[test]
fn streaming_user_settings_are_for_pools_and_encryption_and_client_properties_are_kept() {
    let mut state = seeded(0);
    let id = first_ad(&state);
    let pools = state
        .directories
        .keys()
        .find(|id| id.starts_with("wsd-"))
        .expect("the seeded wsd- directory")
        .clone();
    let settings = json!({"UserSettings": [{"Action": "CLIPBOARD_COPY_TO_LOCAL_DEVICE", "Permission": "DISABLED", "MaximumLength": 20}]});
    assert_eq!(
        error_code(
            &mut state,
            "ModifyStreamingProperties",
            json!({"ResourceId": id, "StreamingProperties": settings})
        ),
        "OperationNotSupportedException"
    );
    call(
        &mut state,
        "ModifyStreamingProperties",
        json!({"ResourceId": pools, "StreamingProperties": settings}),
    );
    call(
        &mut state,
        "ModifyStreamingProperties",
        json!({"ResourceId": id, "StreamingProperties": {"StreamingExperiencePreferredProtocol": "UDP",
            "GlobalAccelerator": {"Mode": "ENABLED_AUTO", "PreferredProtocol": "TCP"}}}),
    );
    assert_eq!(
        described(&mut state, &id)["StreamingProperties"]["StreamingExperiencePreferredProtocol"],
        "UDP"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyStreamingProperties",
            json!({"ResourceId": pools, "StreamingProperties": {"UserSettings": [
                {"Action": "SMART_CARD", "Permission": "ENABLED", "MaximumLength": 3}]}})
        ),
        "InvalidParameterValuesException"
    );

    call(
        &mut state,
        "ModifyEndpointEncryptionMode",
        json!({"DirectoryId": id, "EndpointEncryptionMode": "FIPS_VALIDATED"}),
    );
    assert_eq!(
        described(&mut state, &id)["EndpointEncryptionMode"],
        "FIPS_VALIDATED"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyEndpointEncryptionMode",
            json!({"DirectoryId": id, "EndpointEncryptionMode": "FIPS"})
        ),
        "ValidationException"
    );

    call(
        &mut state,
        "ModifyClientProperties",
        json!({"ResourceId": id, "ClientProperties": {"LogUploadEnabled": "DISABLED"}}),
    );
    let answer = call(
        &mut state,
        "DescribeClientProperties",
        json!({"ResourceIds": [id, pools]}),
    );
    let list = &answer["ClientPropertiesList"];
    assert_eq!(list[0]["ClientProperties"]["LogUploadEnabled"], "DISABLED");
    assert_eq!(list[0]["ClientProperties"]["ReconnectEnabled"], "ENABLED");
    assert_eq!(list[1]["ClientProperties"]["LogUploadEnabled"], "ENABLED");
    assert_eq!(
        error_code(
            &mut state,
            "DescribeClientProperties",
            json!({"ResourceIds": ["d-0000000000"]})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyClientProperties",
            json!({"ResourceId": "nothing", "ClientProperties": {}})
        ),
        "ResourceNotFoundException"
    );
}
