//! RegisterWorkspaceDirectory: both kinds, the transition, and its errors.

use serde_json::json;

use super::{call, call_at, error_code, seeded};

/// The seeded Directory Service directories that are not registered: the
/// Active one and the one still being created.
fn unregistered(state: &super::WorkspacesState) -> (String, String) {
    let of_stage = |stage: &str| {
        state
            .registry
            .directory_service
            .iter()
            .find(|(id, ad)| ad.stage == stage && !state.directories.contains_key(*id))
            .map(|(id, _)| id.clone())
            .expect("a seeded unregistered directory")
    };
    (of_stage("Active"), of_stage("Creating"))
}

fn state_at(state: &mut super::WorkspacesState, seconds: i64, id: &str) -> String {
    let answer = call_at(
        state,
        seconds,
        "DescribeWorkspaceDirectories",
        json!({"DirectoryIds": [id]}),
    )
    .expect("DescribeWorkspaceDirectories");
    answer["Directories"][0]["State"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_ad_directory_registers_over_one_transition() {
    let mut state = seeded(0);
    let (active, creating) = unregistered(&state);
    let answer = call(
        &mut state,
        "RegisterWorkspaceDirectory",
        json!({"DirectoryId": active, "EnableSelfService": true, "Tenancy": "DEDICATED",
               "Tags": [{"Key": "team", "Value": "it"}]}),
    );
    assert_eq!(answer["State"], "REGISTERING");
    assert_eq!(state_at(&mut state, 1, &active), "REGISTERING");
    assert_eq!(state_at(&mut state, 31, &active), "REGISTERED");
    let directory = &state.directories[&active];
    assert_eq!(directory.tenancy, "DEDICATED");
    assert_eq!(
        directory.selfservice_permissions.rebuild_workspace,
        "ENABLED"
    );
    assert_eq!(directory.subnet_ids.len(), 2);
    assert!(state.tags.contains_key(&active));

    assert_eq!(
        error_code(
            &mut state,
            "RegisterWorkspaceDirectory",
            json!({"DirectoryId": active})
        ),
        "ResourceAlreadyExistsException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "RegisterWorkspaceDirectory",
            json!({"DirectoryId": creating})
        ),
        "InvalidResourceStateException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "RegisterWorkspaceDirectory",
            json!({"DirectoryId": "d-0000000000"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "RegisterWorkspaceDirectory",
            json!({"DirectoryId": "d-0000000000", "SubnetIds": ["subnet-0123abcd", "subnet-0123abcd"]})
        ),
        "OperationNotSupportedException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "RegisterWorkspaceDirectory",
            json!({"DirectoryId": "d-0000000000", "SubnetIds": ["subnet-1"]})
        ),
        "ValidationException"
    );
}

#[test]
fn a_deregistered_directory_can_be_registered_again() {
    let mut state = seeded(0);
    let (active, _) = unregistered(&state);
    call(
        &mut state,
        "RegisterWorkspaceDirectory",
        json!({"DirectoryId": active}),
    );
    call(
        &mut state,
        "DeregisterWorkspaceDirectory",
        json!({"DirectoryId": active}),
    );
    assert!(!state.directories.contains_key(&active));
    call(
        &mut state,
        "RegisterWorkspaceDirectory",
        json!({"DirectoryId": active}),
    );
    assert!(state.directories.contains_key(&active));
}

#[test]
fn workspaces_directories_follow_their_identity_type() {
    let mut state = seeded(0);
    let subnets = json!(["subnet-0123abcd", "subnet-4567abcd"]);
    let answer = call(
        &mut state,
        "RegisterWorkspaceDirectory",
        json!({"WorkspaceDirectoryName": "pools-two", "WorkspaceDirectoryDescription": "Second pools",
               "UserIdentityType": "CUSTOMER_MANAGED", "WorkspaceType": "POOLS", "SubnetIds": subnets,
               "ActiveDirectoryConfig": {"DomainName": "corp.example.com",
                   "ServiceAccountSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:svc-account"}}),
    );
    let id = answer["DirectoryId"].as_str().expect("an ID").to_owned();
    assert!(id.starts_with("wsd-"), "{id}");
    let directory = &state.directories[&id];
    assert_eq!(directory.directory_type, "CUSTOMER_MANAGED");
    assert_eq!(directory.directory_name, "corp.example.com");
    let by_name = call(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"WorkspaceDirectoryNames": ["pools-two"]}),
    );
    assert_eq!(by_name["Directories"][0]["DirectoryId"], id.as_str());

    let idc = call(
        &mut state,
        "RegisterWorkspaceDirectory",
        json!({"WorkspaceDirectoryName": "personal-idc", "UserIdentityType": "AWS_IAM_IDENTITY_CENTER",
               "IdcInstanceArn": "arn:aws:sso:::instance/ssoins-0123456789abcdef", "SubnetIds": subnets}),
    );
    let idc_id = idc["DirectoryId"].as_str().expect("an ID");
    let shown = call(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"DirectoryIds": [idc_id]}),
    );
    assert_eq!(
        shown["Directories"][0]["IDCConfig"]["InstanceArn"],
        "arn:aws:sso:::instance/ssoins-0123456789abcdef"
    );
    assert_eq!(shown["Directories"][0]["WorkspaceType"], "PERSONAL");

    for (input, code) in [
        (
            json!({"WorkspaceDirectoryName": "pools-two", "UserIdentityType": "CUSTOMER_MANAGED", "SubnetIds": subnets}),
            "ResourceAlreadyExistsException",
        ),
        (
            json!({"WorkspaceDirectoryName": "x1", "UserIdentityType": "AWS_IAM_IDENTITY_CENTER", "SubnetIds": subnets}),
            "InvalidParameterValuesException",
        ),
        (
            json!({"WorkspaceDirectoryName": "x2", "UserIdentityType": "CUSTOMER_MANAGED", "WorkspaceType": "PERSONAL", "SubnetIds": subnets}),
            "InvalidParameterValuesException",
        ),
        (
            json!({"WorkspaceDirectoryName": "x3", "UserIdentityType": "CUSTOMER_MANAGED"}),
            "InvalidParameterValuesException",
        ),
        (json!({}), "InvalidParameterValuesException"),
        (
            json!({"WorkspaceDirectoryName": "-bad", "UserIdentityType": "CUSTOMER_MANAGED"}),
            "ValidationException",
        ),
        (
            json!({"DirectoryId": "d-0000000000", "IdcInstanceArn": "arn:aws:sso:::instance/ssoins-1"}),
            "InvalidParameterValuesException",
        ),
    ] {
        assert_eq!(
            error_code(&mut state, "RegisterWorkspaceDirectory", input.clone()),
            code,
            "{input}"
        );
    }
}
