//! CreateWorkspaces.

use serde_json::{Value, json};

use super::{call, call_at, create_request, error_code, seeded, workspace_state_at};

#[test]
fn create_workspaces_reports_each_bad_request_and_creates_the_good_ones() {
    let mut state = seeded(50);
    let good = create_request(
        &state,
        "new.hire",
        "Standard with Windows 10 (Server 2022 based)",
    );
    let mut linux = create_request(&state, "new.linux", "Performance with Ubuntu 22.04");
    linux["WorkspaceProperties"] =
        json!({"OperatingSystemName": "UBUNTU_22_04", "RunningMode": "ALWAYS_ON"});
    linux["WorkspaceName"] = json!("linux-desk");
    linux["Tags"] = json!([{"Key": "Team", "Value": "analytics"}]);
    let mut bad_directory = good.clone();
    bad_directory["DirectoryId"] = json!("d-0000000000");
    bad_directory["UserName"] = json!("someone.else");
    let mut bad_bundle = good.clone();
    bad_bundle["BundleId"] = json!("wsb-000000000");
    bad_bundle["UserName"] = json!("third.person");
    let existing = state
        .workspaces
        .values()
        .next()
        .map(|r| r.workspace.clone())
        .expect("a WorkSpace");
    let mut taken = good.clone();
    taken["DirectoryId"] = json!(existing.directory_id);
    taken["UserName"] = json!(existing.user_name);
    let mut wrong_os = create_request(&state, "wrong.os", "Standard with Amazon Linux 2");
    wrong_os["WorkspaceProperties"] = json!({"OperatingSystemName": "WINDOWS_11"});

    let answer = call(
        &mut state,
        "CreateWorkspaces",
        json!({"Workspaces": [good, bad_directory, linux, bad_bundle, taken, wrong_os]}),
    );
    let failed = answer["FailedRequests"].as_array().expect("FailedRequests");
    let codes: Vec<&str> = failed
        .iter()
        .filter_map(|f| f["ErrorCode"].as_str())
        .collect();
    assert_eq!(
        codes,
        vec![
            "ResourceNotFound.Directory",
            "ResourceNotFound.Bundle",
            "ResourceExists.WorkSpace",
            "OperatingSystemNotCompatible"
        ]
    );
    assert_eq!(failed[0]["WorkspaceRequest"], bad_directory);
    let pending = answer["PendingRequests"]
        .as_array()
        .expect("PendingRequests");
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|w| w["State"] == json!("PENDING")));
    let linux_id = pending[1]["WorkspaceId"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert!(linux_id.starts_with("ws-"));
    assert_eq!(
        pending[1]["WorkspaceProperties"]["OperatingSystemName"],
        json!("UBUNTU_22_04")
    );
    assert_eq!(
        pending[1]["WorkspaceProperties"]["RunningMode"],
        json!("ALWAYS_ON")
    );
    assert_eq!(pending[1]["WorkspaceName"], json!("linux-desk"));
    assert_eq!(
        workspace_state_at(&mut state, 29, &linux_id).as_deref(),
        Some("PENDING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 30, &linux_id).as_deref(),
        Some("AVAILABLE")
    );
    let tags = call_at(
        &mut state,
        30,
        "DescribeTags",
        json!({"ResourceId": linux_id}),
    )
    .expect("tags");
    assert_eq!(
        tags["TagList"],
        json!([{"Key": "Team", "Value": "analytics"}])
    );
    assert_eq!(state.workspaces.len(), 52);
}

#[test]
fn create_workspaces_validates_the_call_as_a_whole() {
    let mut state = seeded(5);
    let requests: Vec<Value> = (0..26)
        .map(|i| create_request(&state, &format!("user{i}"), "Standard with Amazon Linux 2"))
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "CreateWorkspaces",
            json!({"Workspaces": requests})
        ),
        "ValidationException"
    );
    let mut bad_enum = create_request(&state, "x.y", "Standard with Amazon Linux 2");
    bad_enum["WorkspaceProperties"] = json!({"RunningMode": "SOMETIMES"});
    assert_eq!(
        error_code(
            &mut state,
            "CreateWorkspaces",
            json!({"Workspaces": [bad_enum]})
        ),
        "ValidationException"
    );
    let mut no_user = create_request(&state, "x.y", "Standard with Amazon Linux 2");
    no_user.as_object_mut().map(|o| o.remove("UserName"));
    assert_eq!(
        error_code(
            &mut state,
            "CreateWorkspaces",
            json!({"Workspaces": [no_user]})
        ),
        "ValidationException"
    );
    assert_eq!(state.workspaces.len(), 5);
}
