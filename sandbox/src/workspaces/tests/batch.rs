//! The batch state changes (start, stop, reboot, rebuild, terminate) and the transitions they start.

use std::time::Duration;

use chrono::TimeDelta;
use serde_json::{Value, json};

use super::{
    TRANSITION, all_pages, at, call, call_at, error_code, find_workspace, seeded,
    workspace_state_at,
};

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
