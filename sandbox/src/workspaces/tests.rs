//! Behaviour of the WorkSpaces side of the sandbox, driven through
//! `WorkspacesState::handle` exactly as the server drives it.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde_json::{Value, json};

use super::{ACCOUNT_ID, SUPPORTED_OPERATIONS, WorkspacesState, WsError, supported_operations};

const TRANSITION: Duration = Duration::from_secs(30);

fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid date")
}

fn at(seconds: i64) -> DateTime<Utc> {
    start_time() + TimeDelta::milliseconds((seconds as f64 * 1000.0) as i64)
}

fn seeded(workspaces: usize) -> WorkspacesState {
    WorkspacesState::seed(workspaces, 42, start_time())
}

fn call_at(
    state: &mut WorkspacesState,
    seconds: i64,
    op: &str,
    input: Value,
) -> Result<Value, WsError> {
    state.handle(op, &input, at(seconds), TRANSITION)
}

fn call(state: &mut WorkspacesState, op: &str, input: Value) -> Value {
    match call_at(state, 0, op, input) {
        Ok(answer) => answer,
        Err(error) => panic!("{op} failed: {error:?}"),
    }
}

fn error_code(state: &mut WorkspacesState, op: &str, input: Value) -> &'static str {
    match call_at(state, 0, op, input) {
        Ok(answer) => panic!("{op} succeeded unexpectedly: {answer}"),
        Err(error) => error.code,
    }
}

fn workspace_state_at(
    state: &mut WorkspacesState,
    seconds: i64,
    workspace_id: &str,
) -> Option<String> {
    let answer = call_at(
        state,
        seconds,
        "DescribeWorkspaces",
        json!({"WorkspaceIds": [workspace_id]}),
    )
    .expect("DescribeWorkspaces");
    answer["Workspaces"]
        .as_array()
        .and_then(|list| list.first())
        .map(|workspace| workspace["State"].as_str().unwrap_or_default().to_owned())
}

/// The id of the first WorkSpace matching `wanted`.
fn find_workspace(
    state: &WorkspacesState,
    wanted: impl Fn(&super::model::Workspace) -> bool,
) -> String {
    state
        .workspaces
        .values()
        .map(|record| &record.workspace)
        .find(|workspace| wanted(workspace))
        .map(|workspace| workspace.workspace_id.clone())
        .expect("the seed has such a WorkSpace")
}

fn ids_of(list: &Value, member: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item[member].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Pages through a Describe operation and returns every item.
fn all_pages(state: &mut WorkspacesState, op: &str, mut input: Value, list: &str) -> Vec<Value> {
    let mut items = Vec::new();
    for _ in 0..10_000 {
        let page = call(state, op, input.clone());
        items.extend(page[list].as_array().cloned().unwrap_or_default());
        match page.get("NextToken").and_then(Value::as_str) {
            Some(token) => input["NextToken"] = json!(token),
            None => return items,
        }
    }
    panic!("{op} never stopped paging");
}

#[test]
fn the_same_seed_gives_the_same_fleet_and_another_seed_another() {
    let first = serde_json::to_string(&seeded(300)).expect("serializes");
    let again = serde_json::to_string(&seeded(300)).expect("serializes");
    let other =
        serde_json::to_string(&WorkspacesState::seed(300, 7, start_time())).expect("serializes");
    assert_eq!(first, again);
    assert_ne!(first, other);
}

#[test]
fn the_seed_scales_to_ten_thousand_workspaces_with_a_varied_fleet() {
    let state = WorkspacesState::seed(10_000, 1, start_time());
    assert_eq!(state.workspaces.len(), 10_000);
    let distinct = |field: fn(&super::model::Workspace) -> String| -> BTreeSet<String> {
        state
            .workspaces
            .values()
            .map(|record| field(&record.workspace))
            .collect()
    };
    assert!(distinct(|w| w.directory_id.clone()).len() >= 2);
    assert_eq!(
        distinct(|w| w.workspace_properties.running_mode.clone()).len(),
        3
    );
    let states = distinct(|w| w.state.clone());
    for expected in ["AVAILABLE", "STOPPED", "ERROR", "UNHEALTHY"] {
        assert!(
            states.contains(expected),
            "no {expected} WorkSpace in {states:?}"
        );
    }
    let systems = distinct(|w| w.workspace_properties.operating_system_name.clone());
    assert!(systems.len() >= 5, "{systems:?}");
    let users: BTreeSet<_> = state
        .workspaces
        .values()
        .map(|record| {
            (
                record.workspace.directory_id.clone(),
                record.workspace.user_name.clone(),
            )
        })
        .collect();
    assert_eq!(
        users.len(),
        10_000,
        "every user has one WorkSpace per directory"
    );
    let association_states: BTreeSet<_> = state
        .associations
        .values()
        .map(|a| a.state.clone())
        .collect();
    assert!(association_states.contains("COMPLETED") && association_states.contains("ERROR"));
    assert!(
        state
            .images
            .values()
            .any(|record| record.image.updates.update_available)
    );
    assert!(
        state
            .images
            .values()
            .any(|record| record.image.owner_account_id != ACCOUNT_ID)
    );
}

#[test]
fn paging_returns_every_workspace_exactly_once() {
    let mut state = seeded(137);
    let items = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"Limit": 10}),
        "Workspaces",
    );
    let ids = ids_of(&Value::Array(items), "WorkspaceId");
    let unique: BTreeSet<_> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), 137);
    assert_eq!(unique.len(), 137);
    let expected: BTreeSet<_> = state.workspaces.keys().cloned().collect();
    assert_eq!(unique, expected);
}

#[test]
fn a_filtered_listing_pages_through_only_the_matching_workspaces() {
    let mut state = seeded(200);
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let items = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"DirectoryId": directory_id, "Limit": 7}),
        "Workspaces",
    );
    let expected = state
        .workspaces
        .values()
        .filter(|record| record.workspace.directory_id == directory_id)
        .count();
    assert!(expected > 7, "enough WorkSpaces for several pages");
    assert_eq!(items.len(), expected);
    assert!(
        items
            .iter()
            .all(|item| item["DirectoryId"] == json!(directory_id))
    );
}

#[test]
fn a_page_token_survives_workspaces_disappearing_in_between() {
    let mut state = seeded(60);
    let first = call(&mut state, "DescribeWorkspaces", json!({"Limit": 25}));
    let last_seen = ids_of(&first["Workspaces"], "WorkspaceId")
        .pop()
        .expect("a full page");
    state.forget_workspace(&last_seen);
    let rest = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"Limit": 25, "NextToken": first["NextToken"]}),
        "Workspaces",
    );
    assert_eq!(rest.len(), 35);
}

#[test]
fn describe_workspaces_rejects_bad_tokens_limits_and_filters() {
    let mut state = seeded(5);
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"NextToken": "not-a-token"})
        ),
        "InvalidParameterValuesException"
    );
    for limit in [0, 26] {
        assert_eq!(
            error_code(&mut state, "DescribeWorkspaces", json!({"Limit": limit})),
            "ValidationException"
        );
    }
    let too_many: Vec<String> = (0..26).map(|i| format!("ws-{i:09}")).collect();
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"WorkspaceIds": too_many})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"WorkspaceIds": ["i-123"]})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"UserName": "alice.smith"})
        ),
        "InvalidParameterValuesException"
    );
    assert_eq!(
        error_code(&mut state, "DescribeWorkspaces", json!({"Limit": "ten"})),
        "SerializationException"
    );
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let long_name = call_at(
        &mut state,
        0,
        "DescribeWorkspaces",
        json!({"DirectoryId": directory_id, "UserName": "x".repeat(64)}),
    )
    .expect_err("a 64-character user name");
    assert_eq!(long_name.code, "ValidationException");
    assert!(
        long_name.message.contains("at 'userName'")
            && long_name.message.contains("length between 1 and 63"),
        "{}",
        long_name.message
    );
}

#[test]
fn data_replication_is_switched_only_on_a_workspace_with_a_standby() {
    let mut state = seeded(300);
    let primary = find_workspace(&state, |w| w.standby_workspaces_properties.is_some());
    let alone = find_workspace(&state, |w| {
        w.state == "AVAILABLE" && w.standby_workspaces_properties.is_none()
    });
    call_at(
        &mut state,
        5,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": primary, "DataReplication": "NO_REPLICATION"}),
    )
    .expect("modify");
    let settings = state.workspaces[&primary]
        .workspace
        .data_replication_settings
        .clone()
        .expect("settings");
    assert_eq!(settings.data_replication, "NO_REPLICATION");
    assert_eq!(settings.recovery_snapshot_time, at(5));
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceProperties",
            json!({"WorkspaceId": alone, "DataReplication": "PRIMARY_AS_SOURCE"})
        ),
        "InvalidParameterValuesException"
    );
}

#[test]
fn describe_workspaces_filters_by_user_bundle_and_name() {
    let mut state = seeded(80);
    let named = find_workspace(&state, |w| w.workspace_name.is_some());
    let workspace = state.workspaces[&named].workspace.clone();
    let by_user = call(
        &mut state,
        "DescribeWorkspaces",
        json!({"DirectoryId": workspace.directory_id, "UserName": workspace.user_name.to_uppercase()}),
    );
    assert_eq!(
        ids_of(&by_user["Workspaces"], "WorkspaceId"),
        vec![named.clone()]
    );
    let by_name = call(
        &mut state,
        "DescribeWorkspaces",
        json!({"WorkspaceName": workspace.workspace_name}),
    );
    assert_eq!(
        ids_of(&by_name["Workspaces"], "WorkspaceId"),
        vec![named.clone()]
    );
    let by_bundle = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"BundleId": workspace.bundle_id}),
        "Workspaces",
    );
    assert!(
        by_bundle
            .iter()
            .all(|w| w["BundleId"] == json!(workspace.bundle_id))
    );
    assert!(ids_of(&Value::Array(by_bundle), "WorkspaceId").contains(&named));
}

#[test]
fn start_with_good_and_bad_ids_fails_only_the_bad_ones() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    let available = find_workspace(&state, |w| w.state == "AVAILABLE");
    let unknown = "ws-zzzzzzzzz";
    let answer = call(
        &mut state,
        "StartWorkspaces",
        json!({"StartWorkspaceRequests": [
            {"WorkspaceId": stopped}, {"WorkspaceId": available}, {"WorkspaceId": unknown}
        ]}),
    );
    let failed = answer["FailedRequests"].as_array().expect("FailedRequests");
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0]["WorkspaceId"], json!(available));
    assert_eq!(failed[0]["ErrorCode"], json!("InvalidResourceState"));
    assert_eq!(failed[1]["WorkspaceId"], json!(unknown));
    assert_eq!(failed[1]["ErrorCode"], json!("ResourceNotFound.Workspace"));
    assert!(
        failed
            .iter()
            .all(|f| f["ErrorMessage"].as_str().is_some_and(|m| !m.is_empty()))
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &stopped).as_deref(),
        Some("STARTING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &available).as_deref(),
        Some("AVAILABLE")
    );
}

#[test]
fn an_always_on_workspace_cannot_be_stopped_but_an_auto_stop_one_can() {
    let mut state = seeded(100);
    let always_on = find_workspace(&state, |w| {
        w.workspace_properties.running_mode == "ALWAYS_ON" && w.state == "AVAILABLE"
    });
    let auto_stop = find_workspace(&state, |w| {
        w.workspace_properties.running_mode == "AUTO_STOP" && w.state == "AVAILABLE"
    });
    let answer = call(
        &mut state,
        "StopWorkspaces",
        json!({"StopWorkspaceRequests": [{"WorkspaceId": always_on}, {"WorkspaceId": auto_stop}]}),
    );
    assert_eq!(
        answer["FailedRequests"],
        json!([{
            "WorkspaceId": always_on,
            "ErrorCode": "OperationNotSupported",
            "ErrorMessage": format!("The WorkSpace {always_on} runs in ALWAYS_ON mode and cannot be stopped."),
        }])
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &auto_stop).as_deref(),
        Some("STOPPING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 30, &auto_stop).as_deref(),
        Some("STOPPED")
    );
}

#[test]
fn transitions_complete_after_the_transition_time_and_not_before() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    call(
        &mut state,
        "StartWorkspaces",
        json!({"StartWorkspaceRequests": [{"WorkspaceId": stopped}]}),
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &stopped).as_deref(),
        Some("STARTING")
    );
    let before = state.handle(
        "DescribeWorkspaces",
        &json!({"WorkspaceIds": [stopped]}),
        at(30) - TimeDelta::milliseconds(1),
        TRANSITION,
    );
    assert_eq!(
        before.expect("describe")["Workspaces"][0]["State"],
        json!("STARTING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 30, &stopped).as_deref(),
        Some("AVAILABLE")
    );

    let available = find_workspace(&state, |w| {
        w.state == "AVAILABLE" && w.workspace_id != stopped
    });
    call_at(
        &mut state,
        40,
        "RebootWorkspaces",
        json!({"RebootWorkspaceRequests": [{"WorkspaceId": available}]}),
    )
    .expect("reboot");
    assert_eq!(
        workspace_state_at(&mut state, 69, &available).as_deref(),
        Some("REBOOTING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 70, &available).as_deref(),
        Some("AVAILABLE")
    );
}

#[test]
fn rebuild_takes_exactly_one_workspace() {
    let mut state = seeded(100);
    let first = find_workspace(&state, |w| w.state == "AVAILABLE");
    let second = find_workspace(&state, |w| w.state == "STOPPED");
    assert_eq!(
        error_code(
            &mut state,
            "RebuildWorkspaces",
            json!({"RebuildWorkspaceRequests": [{"WorkspaceId": first}, {"WorkspaceId": second}]})
        ),
        "ValidationException"
    );
    let answer = call(
        &mut state,
        "RebuildWorkspaces",
        json!({"RebuildWorkspaceRequests": [{"WorkspaceId": second}]}),
    );
    assert_eq!(answer["FailedRequests"], json!([]));
    assert_eq!(
        workspace_state_at(&mut state, 0, &second).as_deref(),
        Some("REBUILDING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 30, &second).as_deref(),
        Some("AVAILABLE")
    );
}

#[test]
fn batch_calls_take_at_most_twenty_five_workspaces() {
    let mut state = seeded(30);
    let ids: Vec<Value> = state
        .workspaces
        .keys()
        .take(26)
        .map(|id| json!({"WorkspaceId": id}))
        .collect();
    for (op, list) in [
        ("StartWorkspaces", "StartWorkspaceRequests"),
        ("StopWorkspaces", "StopWorkspaceRequests"),
        ("RebootWorkspaces", "RebootWorkspaceRequests"),
        ("TerminateWorkspaces", "TerminateWorkspaceRequests"),
    ] {
        assert_eq!(
            error_code(&mut state, op, json!({list: ids})),
            "ValidationException",
            "{op}"
        );
        assert_eq!(
            error_code(&mut state, op, json!({list: []})),
            "ValidationException",
            "{op}"
        );
        assert_eq!(
            error_code(&mut state, op, json!({})),
            "ValidationException",
            "{op}"
        );
    }
    assert_eq!(
        state
            .workspaces
            .values()
            .filter(|r| r.workspace.state.ends_with("ING"))
            .count(),
        0
    );
}

#[test]
fn a_terminated_workspace_is_gone_with_its_tags_and_associations() {
    let mut state = seeded(200);
    let workspace_id = state
        .associations
        .values()
        .find(|a| a.resource_type == "WORKSPACE")
        .map(|a| a.resource_id.clone())
        .expect("an associated WorkSpace");
    call(
        &mut state,
        "CreateTags",
        json!({"ResourceId": workspace_id, "Tags": [{"Key": "Owner", "Value": "it"}]}),
    );
    let answer = call(
        &mut state,
        "TerminateWorkspaces",
        json!({"TerminateWorkspaceRequests": [{"WorkspaceId": workspace_id}]}),
    );
    assert_eq!(answer["FailedRequests"], json!([]));
    assert_eq!(
        workspace_state_at(&mut state, 29, &workspace_id).as_deref(),
        Some("TERMINATING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 30, &workspace_id).as_deref(),
        Some("TERMINATED")
    );
    assert_eq!(workspace_state_at(&mut state, 60, &workspace_id), None);
    assert!(!state.tags.contains_key(&workspace_id));
    assert!(
        state
            .associations
            .values()
            .all(|a| a.resource_id != workspace_id)
    );
    let everything = all_pages(&mut state, "DescribeWorkspaces", json!({}), "Workspaces");
    assert_eq!(everything.len(), 199);
    assert_eq!(
        call_at(
            &mut state,
            60,
            "DescribeTags",
            json!({"ResourceId": workspace_id})
        )
        .map_err(|e| e.code),
        Err("ResourceNotFoundException")
    );
}

fn create_request(state: &WorkspacesState, user: &str, bundle_name: &str) -> Value {
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let bundle_id = state
        .bundles
        .values()
        .find(|b| b.bundle.name == bundle_name)
        .map(|b| b.bundle.bundle_id.clone())
        .expect("the bundle");
    json!({"DirectoryId": directory_id, "UserName": user, "BundleId": bundle_id})
}

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

#[test]
fn modify_workspace_properties_changes_the_workspace() {
    let mut state = seeded(100);
    let workspace_id = find_workspace(&state, |w| {
        w.state == "AVAILABLE"
            && w.workspace_properties.operating_system_name == "WINDOWS_SERVER_2022"
            && w.workspace_properties.root_volume_size_gib < 175
    });
    call(
        &mut state,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {
            "RunningMode": "AUTO_STOP", "RunningModeAutoStopTimeoutInMinutes": 120,
            "RootVolumeSizeGib": 175, "UserVolumeSizeGib": 100, "ComputeTypeName": "POWER",
            "OperatingSystemName": "WINDOWS_SERVER_2025"
        }}),
    );
    let describe = |state: &mut WorkspacesState, seconds| {
        call_at(
            state,
            seconds,
            "DescribeWorkspaces",
            json!({"WorkspaceIds": [workspace_id]}),
        )
        .expect("describe")["Workspaces"][0]
            .clone()
    };
    let during = describe(&mut state, 1);
    assert_eq!(
        during["WorkspaceProperties"],
        json!({"RunningMode": "AUTO_STOP", "RunningModeAutoStopTimeoutInMinutes": 120, "RootVolumeSizeGib": 175,
               "UserVolumeSizeGib": 100, "ComputeTypeName": "POWER",
               "Protocols": during["WorkspaceProperties"]["Protocols"], "OperatingSystemName": "WINDOWS_SERVER_2025"})
    );
    let resources: BTreeSet<&str> = during["ModificationStates"]
        .as_array()
        .expect("ModificationStates")
        .iter()
        .filter_map(|m| m["Resource"].as_str())
        .collect();
    assert_eq!(
        resources,
        BTreeSet::from(["ROOT_VOLUME", "USER_VOLUME", "COMPUTE_TYPE"])
    );
    assert_eq!(
        call_at(
            &mut state,
            1,
            "ModifyWorkspaceProperties",
            json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {"UserVolumeSizeGib": 200}})
        )
        .map_err(|e| e.code),
        Err("OperationInProgressException")
    );
    assert_eq!(describe(&mut state, 30)["ModificationStates"], json!([]));
}

#[test]
fn modify_workspace_properties_rejects_what_the_service_rejects() {
    let mut state = seeded(300);
    let available = find_workspace(&state, |w| {
        w.state == "AVAILABLE"
            && w.workspace_properties
                .operating_system_name
                .starts_with("WINDOWS")
    });
    let modify = |state: &mut WorkspacesState, properties: Value| {
        call_at(
            state,
            0,
            "ModifyWorkspaceProperties",
            json!({"WorkspaceId": available, "WorkspaceProperties": properties}),
        )
        .map_err(|e| e.code)
    };
    assert_eq!(
        modify(
            &mut state,
            json!({"RunningModeAutoStopTimeoutInMinutes": 45, "RunningMode": "AUTO_STOP"})
        ),
        Err("InvalidParameterValuesException")
    );
    assert_eq!(
        modify(&mut state, json!({"UserVolumeSizeGib": 5})),
        Err("InvalidParameterValuesException")
    );
    assert_eq!(
        modify(&mut state, json!({"OperatingSystemName": "UBUNTU_22_04"})),
        Err("UnsupportedWorkspaceConfigurationException")
    );
    assert_eq!(
        modify(&mut state, json!({"ComputeTypeName": "HUGE"})),
        Err("ValidationException")
    );
    assert_eq!(
        modify(&mut state, json!({})),
        Err("InvalidParameterValuesException")
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceProperties",
            json!({"WorkspaceId": "ws-zzzzzzzzz", "WorkspaceProperties": {"RunningMode": "ALWAYS_ON"}})
        ),
        "ResourceNotFoundException"
    );
    let error = find_workspace(&state, |w| w.state == "ERROR");
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceProperties",
            json!({"WorkspaceId": error, "WorkspaceProperties": {"RunningMode": "ALWAYS_ON"}})
        ),
        "InvalidResourceStateException"
    );
    assert_eq!(
        modify(&mut state, json!({"RunningMode": "ALWAYS_ON"})),
        Ok(json!({}))
    );
    let properties = &state.workspaces[&available].workspace.workspace_properties;
    assert_eq!(properties.running_mode, "ALWAYS_ON");
    assert_eq!(properties.running_mode_auto_stop_timeout_in_minutes, None);
}

fn application_id(state: &WorkspacesState, name: &str) -> String {
    state
        .applications
        .values()
        .find(|a| a.name == name)
        .map(|a| a.application_id.clone())
        .expect("the application")
}

/// An AVAILABLE Windows WorkSpace on a POWER bundle with no applications.
fn bare_power_workspace(state: &WorkspacesState) -> String {
    find_workspace(state, |w| {
        w.state == "AVAILABLE"
            && w.workspace_properties.compute_type_name == "POWER"
            && w.workspace_properties
                .operating_system_name
                .starts_with("WINDOWS")
            && state.association_keys_of(&w.workspace_id).is_empty()
    })
}

#[test]
fn associate_then_deploy_installs_the_application() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let office = application_id(&state, super::seed::OFFICE_2021);
    let associated = call(
        &mut state,
        "AssociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    );
    assert_eq!(
        associated["Association"]["State"],
        json!("PENDING_INSTALL_DEPLOYMENT")
    );
    assert_eq!(
        associated["Association"]["AssociatedResourceId"],
        json!(office)
    );
    assert_eq!(
        associated["Association"]["AssociatedResourceType"],
        json!("APPLICATION")
    );
    assert_eq!(
        associated["Association"]["WorkspaceId"],
        json!(workspace_id)
    );
    assert_eq!(
        error_code(
            &mut state,
            "AssociateWorkspaceApplication",
            json!({"WorkspaceId": workspace_id, "ApplicationId": office})
        ),
        "ResourceAlreadyExistsException"
    );

    let deployed = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    let associations = deployed["Deployment"]["Associations"]
        .as_array()
        .expect("Associations");
    assert_eq!(associations.len(), 1);
    assert_eq!(associations[0]["State"], json!("INSTALLING"));
    let describe = |state: &mut WorkspacesState, seconds| {
        call_at(
            state,
            seconds,
            "DescribeWorkspaceAssociations",
            json!({"WorkspaceId": workspace_id, "AssociatedResourceTypes": ["APPLICATION"]}),
        )
        .expect("describe")["Associations"][0]["State"]
            .clone()
    };
    assert_eq!(describe(&mut state, 29), json!("INSTALLING"));
    assert_eq!(describe(&mut state, 30), json!("COMPLETED"));

    let disassociated = call_at(
        &mut state,
        31,
        "DisassociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    )
    .expect("disassociate");
    assert_eq!(
        disassociated["Association"]["State"],
        json!("PENDING_UNINSTALL_DEPLOYMENT")
    );
    let undeployed = call_at(
        &mut state,
        31,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    )
    .expect("deploy");
    assert_eq!(
        undeployed["Deployment"]["Associations"][0]["State"],
        json!("UNINSTALLING")
    );
    assert_eq!(
        describe(&mut state, 61),
        Value::Null,
        "uninstalled applications are no longer associated"
    );
}

#[test]
fn association_rules_follow_the_service() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let linux_id = find_workspace(&state, |w| {
        w.workspace_properties.operating_system_name == "UBUNTU_22_04"
    });
    let value_id = find_workspace(&state, |w| {
        w.workspace_properties.compute_type_name == "VALUE"
    });
    let office = application_id(&state, super::seed::OFFICE_2021);
    let microsoft_365 = application_id(&state, super::seed::MICROSOFT_365);
    let office_2019 = application_id(&state, super::seed::OFFICE_2019);
    let visual_studio = application_id(&state, super::seed::VISUAL_STUDIO_2022);
    let associate = |state: &mut WorkspacesState, workspace: &str, application: &str| {
        call_at(
            state,
            0,
            "AssociateWorkspaceApplication",
            json!({"WorkspaceId": workspace, "ApplicationId": application}),
        )
        .map(|_| ())
        .map_err(|e| e.code)
    };
    assert_eq!(
        associate(&mut state, &linux_id, &office),
        Err("OperatingSystemNotCompatibleException")
    );
    assert_eq!(
        associate(&mut state, &value_id, &visual_studio),
        Err("ComputeNotCompatibleException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, &office_2019),
        Err("ApplicationNotSupportedException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, "wsa-zzzzzzzzz"),
        Err("ResourceNotFoundException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, "office"),
        Err("ValidationException")
    );
    assert_eq!(associate(&mut state, &workspace_id, &office), Ok(()));
    assert_eq!(
        associate(&mut state, &workspace_id, &microsoft_365),
        Err("IncompatibleApplicationsException")
    );
    let removed = call(
        &mut state,
        "DisassociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    );
    assert_eq!(
        removed["Association"]["State"],
        json!("REMOVED"),
        "never installed, so simply removed"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DisassociateWorkspaceApplication",
            json!({"WorkspaceId": workspace_id, "ApplicationId": office})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn a_deployment_that_no_longer_fits_fails_with_the_reason_and_force_retries_it() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let visual_studio = application_id(&state, super::seed::VISUAL_STUDIO_2022);
    call(
        &mut state,
        "AssociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": visual_studio}),
    );
    call(
        &mut state,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {"ComputeTypeName": "VALUE"}}),
    );
    let deployed = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    let association = &deployed["Deployment"]["Associations"][0];
    assert_eq!(association["State"], json!("ERROR"));
    assert_eq!(
        association["StateReason"]["ErrorCode"],
        json!("ValidationError.InsufficientMemory")
    );

    let without_force = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    assert_eq!(
        without_force["Deployment"]["Associations"],
        json!([]),
        "failed deployments wait for Force"
    );
    call_at(
        &mut state,
        40,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {"ComputeTypeName": "POWER"}}),
    )
    .expect("modify");
    let forced = call_at(
        &mut state,
        80,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id, "Force": true}),
    )
    .expect("deploy");
    assert_eq!(
        forced["Deployment"]["Associations"][0]["State"],
        json!("INSTALLING")
    );
    assert!(
        forced["Deployment"]["Associations"][0]
            .get("StateReason")
            .is_none()
    );
}

#[test]
fn deploying_to_a_workspace_that_is_not_available_is_refused() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    assert_eq!(
        error_code(
            &mut state,
            "DeployWorkspaceApplications",
            json!({"WorkspaceId": stopped})
        ),
        "ResourceInUseException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeployWorkspaceApplications",
            json!({"WorkspaceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn describe_applications_filters_and_pages() {
    let mut state = seeded(10);
    let all = all_pages(
        &mut state,
        "DescribeApplications",
        json!({"MaxResults": 2}),
        "Applications",
    );
    assert_eq!(all.len(), state.applications.len());
    let licensed = call(
        &mut state,
        "DescribeApplications",
        json!({"LicenseType": "UNLICENSED"}),
    );
    let names: BTreeSet<&str> = licensed["Applications"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["Name"].as_str())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from([super::seed::MICROSOFT_365, super::seed::VISUAL_STUDIO_2022])
    );
    let on_value = call(
        &mut state,
        "DescribeApplications",
        json!({"ComputeTypeNames": ["VALUE"], "OperatingSystemNames": ["WINDOWS_11"]}),
    );
    assert!(
        on_value["Applications"]
            .as_array()
            .expect("list")
            .iter()
            .all(|a| a["Name"] != json!(super::seed::VISUAL_STUDIO_2022))
    );
    assert!(
        !on_value["Applications"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    let office = application_id(&state, super::seed::OFFICE_2021);
    let by_id = call(
        &mut state,
        "DescribeApplications",
        json!({"ApplicationIds": [office], "Owner": "AMAZON"}),
    );
    assert_eq!(
        ids_of(&by_id["Applications"], "ApplicationId"),
        vec![office]
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"LicenseType": "FREE"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"Owner": "someone"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"MaxResults": 26})
        ),
        "ValidationException"
    );
}

#[test]
fn application_associations_are_described_from_each_side() {
    let mut state = seeded(400);
    let office = application_id(&state, super::seed::OFFICE_2021);
    let everything = all_pages(
        &mut state,
        "DescribeApplicationAssociations",
        json!({"ApplicationId": office, "AssociatedResourceTypes": ["WORKSPACE", "BUNDLE", "IMAGE"], "MaxResults": 5}),
        "Associations",
    );
    let expected = state
        .associations
        .values()
        .filter(|a| a.application_id == office)
        .count();
    assert_eq!(everything.len(), expected);
    let types: BTreeSet<&str> = everything
        .iter()
        .filter_map(|a| a["AssociatedResourceType"].as_str())
        .collect();
    assert_eq!(types, BTreeSet::from(["BUNDLE", "IMAGE", "WORKSPACE"]));
    assert!(
        everything
            .iter()
            .all(|a| a["ApplicationId"] == json!(office))
    );
    let bundles_only = all_pages(
        &mut state,
        "DescribeApplicationAssociations",
        json!({"ApplicationId": office, "AssociatedResourceTypes": ["BUNDLE"]}),
        "Associations",
    );
    assert_eq!(bundles_only.len(), 2);

    let bundle_id = bundles_only[0]["AssociatedResourceId"]
        .as_str()
        .expect("an id")
        .to_owned();
    let from_bundle = call(
        &mut state,
        "DescribeBundleAssociations",
        json!({"BundleId": bundle_id, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    let association = &from_bundle["Associations"][0];
    assert_eq!(association["BundleId"], json!(bundle_id));
    assert_eq!(association["AssociatedResourceType"], json!("APPLICATION"));
    let image_id = state.bundles[&bundle_id].bundle.image_id.clone();
    let from_image = call(
        &mut state,
        "DescribeImageAssociations",
        json!({"ImageId": image_id, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    assert_eq!(from_image["Associations"][0]["ImageId"], json!(image_id));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeBundleAssociations",
            json!({"BundleId": bundle_id, "AssociatedResourceTypes": ["WORKSPACE"]})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplicationAssociations",
            json!({"ApplicationId": office})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeImageAssociations",
            json!({"ImageId": "wsi-zzzzzzzzz", "AssociatedResourceTypes": ["APPLICATION"]})
        ),
        "ResourceNotFoundException"
    );
    let failed = state
        .associations
        .values()
        .find(|a| a.state == "ERROR")
        .expect("a failed association");
    assert!(failed.state_reason.is_some());
}

fn image_named(state: &WorkspacesState, name: &str) -> String {
    state
        .images
        .values()
        .find(|r| r.image.name == name)
        .map(|r| r.image.image_id.clone())
        .expect("the image")
}

#[test]
fn describe_workspace_images_tells_owned_from_shared() {
    let mut state = seeded(5);
    let owned = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "OWNED"}),
    );
    let shared = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "SHARED"}),
    );
    let all = all_pages(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"MaxResults": 3}),
        "Images",
    );
    let owned = owned["Images"].as_array().expect("list");
    let shared = shared["Images"].as_array().expect("list");
    assert!(
        owned
            .iter()
            .all(|i| i["OwnerAccountId"] == json!(ACCOUNT_ID))
    );
    assert!(
        shared
            .iter()
            .all(|i| i["OwnerAccountId"] != json!(ACCOUNT_ID))
    );
    assert_eq!(owned.len() + shared.len(), all.len());
    assert!(!shared.is_empty());
    let broken = all
        .iter()
        .find(|i| i["State"] == json!("ERROR"))
        .expect("an image in ERROR");
    assert!(broken["ErrorCode"].is_string() && broken["ErrorMessage"].is_string());
    assert!(
        all.iter()
            .any(|i| i["Updates"]["UpdateAvailable"] == json!(true))
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceImages",
            json!({"ImageType": "MINE"})
        ),
        "ValidationException"
    );
}

#[test]
fn create_updated_workspace_image_copies_the_source() {
    let mut state = seeded(5);
    let source_id = image_named(&state, "finance-win10-2024-06");
    let answer = call(
        &mut state,
        "CreateUpdatedWorkspaceImage",
        json!({"Name": "finance-win10-2026-03", "Description": "Finance desktop updated", "SourceImageId": source_id,
               "Tags": [{"Key": "Team", "Value": "finance"}]}),
    );
    let image_id = answer["ImageId"].as_str().expect("ImageId").to_owned();
    assert!(super::input::IMAGE_ID.matches(&image_id));
    let describe = |state: &mut WorkspacesState, seconds| {
        call_at(
            state,
            seconds,
            "DescribeWorkspaceImages",
            json!({"ImageIds": [image_id]}),
        )
        .expect("describe")["Images"][0]
            .clone()
    };
    let pending = describe(&mut state, 1);
    let source = state.images[&source_id].image.clone();
    assert_eq!(pending["State"], json!("PENDING"));
    assert_eq!(pending["Name"], json!("finance-win10-2026-03"));
    assert_eq!(pending["Description"], json!("Finance desktop updated"));
    assert_eq!(
        pending["OperatingSystem"]["Type"],
        json!(source.operating_system.family)
    );
    assert_eq!(pending["RequiredTenancy"], json!(source.required_tenancy));
    assert_eq!(pending["OwnerAccountId"], json!(source.owner_account_id));
    assert_eq!(pending["Updates"]["UpdateAvailable"], json!(false));
    assert_eq!(describe(&mut state, 30)["State"], json!("AVAILABLE"));
    let copied: BTreeSet<_> = state
        .association_keys_of(&image_id)
        .iter()
        .map(|k| state.associations[k].application_id.clone())
        .collect();
    let original: BTreeSet<_> = state
        .association_keys_of(&source_id)
        .iter()
        .map(|k| state.associations[k].application_id.clone())
        .collect();
    assert!(!original.is_empty());
    assert_eq!(copied, original);
    let tags = call(&mut state, "DescribeTags", json!({"ResourceId": image_id}));
    assert_eq!(
        tags["TagList"],
        json!([{"Key": "Team", "Value": "finance"}])
    );
}

#[test]
fn create_updated_workspace_image_needs_an_owned_windows_image_with_updates() {
    let mut state = seeded(5);
    let create = |state: &mut WorkspacesState, name: &str, source: &str| {
        call_at(
            state,
            0,
            "CreateUpdatedWorkspaceImage",
            json!({"Name": name, "Description": "updated", "SourceImageId": source}),
        )
        .map(|_| ())
        .map_err(|e| e.code)
    };
    let no_updates = image_named(&state, "engineering-win11-vs2022");
    let linux = image_named(&state, "analytics-ubuntu-2204");
    let shared = image_named(&state, "shared-design-win11-gpu");
    let broken = image_named(&state, "legacy-win10-2021");
    let finance = image_named(&state, "finance-win10-2024-06");
    assert_eq!(
        create(&mut state, "a", &no_updates),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "b", &linux),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "c", &shared),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "d", &broken),
        Err("InvalidResourceStateException")
    );
    assert_eq!(
        create(&mut state, "e", "wsi-zzzzzzzzz"),
        Err("ResourceNotFoundException")
    );
    assert_eq!(
        create(&mut state, "engineering-win11-vs2022", &finance),
        Err("ResourceAlreadyExistsException")
    );
    assert_eq!(
        create(&mut state, "bad name!", &finance),
        Err("ValidationException")
    );
    assert_eq!(create(&mut state, "f", &finance), Ok(()));
}

#[test]
fn an_image_a_bundle_uses_cannot_be_deleted() {
    let mut state = seeded(5);
    let used = image_named(&state, "finance-win10-2024-06");
    let unused = image_named(&state, "legacy-win10-2021");
    let shared = image_named(&state, "shared-al2-devtools");
    assert_eq!(
        error_code(&mut state, "DeleteWorkspaceImage", json!({"ImageId": used})),
        "ResourceAssociatedException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceImage",
            json!({"ImageId": shared})
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        call(
            &mut state,
            "DeleteWorkspaceImage",
            json!({"ImageId": unused})
        ),
        json!({})
    );
    let left = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageIds": [unused, used]}),
    );
    assert_eq!(ids_of(&left["Images"], "ImageId"), vec![used]);
}

#[test]
fn bundles_are_listed_by_owner() {
    let mut state = seeded(5);
    let amazon = all_pages(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"Owner": "AMAZON"}),
        "Bundles",
    );
    let own = all_pages(&mut state, "DescribeWorkspaceBundles", json!({}), "Bundles");
    assert!(amazon.iter().all(|b| b["Owner"] == json!("Amazon")));
    assert!(own.iter().all(|b| b["Owner"] == json!(ACCOUNT_ID)));
    assert_eq!(amazon.len() + own.len(), state.bundles.len());
    let computes: BTreeSet<&str> = amazon
        .iter()
        .filter_map(|b| b["ComputeType"]["Name"].as_str())
        .collect();
    assert!(computes.len() >= 5);
    let some_id = own[0]["BundleId"].clone();
    let by_id = call(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"BundleIds": [some_id]}),
    );
    assert_eq!(by_id["Bundles"][0]["BundleId"], some_id);
    assert!(by_id["Bundles"][0]["RootStorage"]["Capacity"].is_string());
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceBundles",
            json!({"BundleIds": [some_id], "Owner": "AMAZON"})
        ),
        "InvalidParameterValuesException"
    );
}

#[test]
fn directories_are_listed_and_paged() {
    let mut state = seeded(5);
    let all = all_pages(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"Limit": 1}),
        "Directories",
    );
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|d| d["RegistrationCode"].is_string()
        && d["Alias"].is_string()
        && d["DirectoryName"].is_string()));
    let first = all[0]["DirectoryId"].clone();
    let one = call(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"DirectoryIds": [first]}),
    );
    assert_eq!(one["Directories"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceDirectories",
            json!({"DirectoryIds": ["d-xyz"]})
        ),
        "ValidationException"
    );
}

#[test]
fn tags_are_created_replaced_described_and_deleted() {
    let mut state = seeded(5);
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    call(
        &mut state,
        "CreateTags",
        json!({"ResourceId": directory_id, "Tags": [{"Key": "Owner", "Value": "it"}, {"Key": "Environment", "Value": "staging"}]}),
    );
    let tags = call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": directory_id}),
    );
    assert_eq!(
        tags["TagList"],
        json!([{"Key": "Environment", "Value": "staging"}, {"Key": "Owner", "Value": "it"}])
    );
    call(
        &mut state,
        "DeleteTags",
        json!({"ResourceId": directory_id, "TagKeys": ["Environment"]}),
    );
    let tags = call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": directory_id}),
    );
    assert_eq!(tags["TagList"], json!([{"Key": "Owner", "Value": "it"}]));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeTags",
            json!({"ResourceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateTags",
            json!({"ResourceId": directory_id, "Tags": [{"Key": "aws:owner", "Value": "x"}]})
        ),
        "InvalidParameterValuesException"
    );
    let many: Vec<Value> = (0..50)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "CreateTags",
            json!({"ResourceId": directory_id, "Tags": many})
        ),
        "ResourceLimitExceededException"
    );
}

#[test]
fn unknown_operations_are_refused_and_every_listed_one_is_answered() {
    let mut state = seeded(5);
    let unknown = call_at(&mut state, 0, "DescribeEverything", json!({})).expect_err("unknown");
    assert_eq!(unknown.code, "UnknownOperationException");
    assert_eq!(unknown.status, 400);
    assert_eq!(supported_operations(), SUPPORTED_OPERATIONS);
    for op in supported_operations() {
        if let Err(error) = call_at(&mut state.clone(), 0, op, json!({})) {
            assert_ne!(
                error.code, "UnknownOperationException",
                "{op} is listed but not dispatched"
            );
        }
    }
}

#[test]
fn the_state_survives_a_json_round_trip() {
    let mut state = seeded(50);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    call(
        &mut state,
        "StartWorkspaces",
        json!({"StartWorkspaceRequests": [{"WorkspaceId": stopped}]}),
    );
    let saved = serde_json::to_string(&state).expect("serializes");
    let mut restored: WorkspacesState = serde_json::from_str(&saved).expect("deserializes");
    let before = all_pages(&mut state, "DescribeWorkspaces", json!({}), "Workspaces");
    let after = all_pages(&mut restored, "DescribeWorkspaces", json!({}), "Workspaces");
    assert_eq!(before, after);
    assert_eq!(
        workspace_state_at(&mut restored, 30, &stopped).as_deref(),
        Some("AVAILABLE")
    );
}

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
    let office = application_id(&state, super::seed::OFFICE_2021);
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

#[test]
fn a_short_transition_started_after_a_long_one_still_ends_on_time() {
    let mut state = seeded(100);
    let slow = find_workspace(&state, |w| w.state == "STOPPED");
    let fast = find_workspace(&state, |w| w.state == "STOPPED" && w.workspace_id != slow);
    state
        .handle(
            "StartWorkspaces",
            &json!({"StartWorkspaceRequests": [{"WorkspaceId": slow}]}),
            at(0),
            Duration::from_secs(600),
        )
        .expect("start");
    state
        .handle(
            "StartWorkspaces",
            &json!({"StartWorkspaceRequests": [{"WorkspaceId": fast}]}),
            at(5),
            Duration::from_secs(1),
        )
        .expect("start");
    assert_eq!(
        workspace_state_at(&mut state, 6, &fast).as_deref(),
        Some("AVAILABLE")
    );
    assert_eq!(
        workspace_state_at(&mut state, 599, &slow).as_deref(),
        Some("STARTING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 600, &slow).as_deref(),
        Some("AVAILABLE")
    );
}

#[test]
fn connection_status_pages_every_workspace_and_tells_stopped_ones_apart() {
    let mut state = seeded(120);
    let mut statuses = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let input = match &token {
            Some(token) => json!({"NextToken": token}),
            None => json!({}),
        };
        let page = call(&mut state, "DescribeWorkspacesConnectionStatus", input);
        let items = page["WorkspacesConnectionStatus"]
            .as_array()
            .expect("a list");
        assert!(items.len() <= 25);
        statuses.extend(items.iter().cloned());
        match page["NextToken"].as_str() {
            Some(next) => token = Some(next.to_owned()),
            None => break,
        }
    }
    let workspaces = call(&mut state, "DescribeWorkspaces", json!({"Limit": 25}));
    assert!(workspaces["NextToken"].is_string());
    assert_eq!(statuses.len(), 120);

    let state_of = |id: &str, state: &mut WorkspacesState| {
        workspace_state_at(state, 0, id).expect("described")
    };
    let cutoff = start_time().timestamp() - 30 * 24 * 3600;
    let (mut stopped_recently, mut stopped_long) = (0, 0);
    for status in &statuses {
        let id = status["WorkspaceId"].as_str().expect("an id");
        let last = status["LastKnownUserConnectionTimestamp"].as_f64();
        if state_of(id, &mut state) == "STOPPED" {
            assert_eq!(status["ConnectionState"], "DISCONNECTED");
            match last {
                Some(at) if (at as i64) >= cutoff => stopped_recently += 1,
                _ => stopped_long += 1,
            }
        }
    }
    assert!(stopped_recently > 0 && stopped_long > 0);

    // Named WorkSpaces only, at most 25 of them.
    let one = statuses[0]["WorkspaceId"].clone();
    let answer = call(
        &mut state,
        "DescribeWorkspacesConnectionStatus",
        json!({"WorkspaceIds": [one]}),
    );
    assert_eq!(
        answer["WorkspacesConnectionStatus"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let too_many: Vec<Value> = statuses
        .iter()
        .take(26)
        .map(|s| s["WorkspaceId"].clone())
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspacesConnectionStatus",
            json!({"WorkspaceIds": too_many})
        ),
        "ValidationException"
    );
}
