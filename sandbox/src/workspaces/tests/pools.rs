//! WorkSpaces Pools: the seeded pools, their transitions over simulated
//! time, sessions, and the model's rules and errors.

use serde_json::{Value, json};

use super::{all_pages, call, call_at, error_code, seeded};
use crate::workspaces::WorkspacesState;

fn pool_named(state: &mut WorkspacesState, name: &str) -> Value {
    all_pages(
        state,
        "DescribeWorkspacesPools",
        json!({}),
        "WorkspacesPools",
    )
    .into_iter()
    .find(|pool| pool["PoolName"] == name)
    .unwrap_or_else(|| panic!("no pool {name}"))
}

fn pool_at(state: &mut WorkspacesState, seconds: i64, pool_id: &str) -> Value {
    let answer = call_at(
        state,
        seconds,
        "DescribeWorkspacesPools",
        json!({"PoolIds": [pool_id]}),
    )
    .expect("DescribeWorkspacesPools");
    answer["WorkspacesPools"][0].clone()
}

fn id(pool: &Value) -> String {
    pool["PoolId"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn the_seed_has_pools_in_each_settled_state_paged_three_at_a_time() {
    let mut state = seeded(5);
    let first = call(&mut state, "DescribeWorkspacesPools", json!({}));
    assert_eq!(first["WorkspacesPools"].as_array().map(Vec::len), Some(3));
    assert!(first["NextToken"].is_string());
    let all = all_pages(
        &mut state,
        "DescribeWorkspacesPools",
        json!({}),
        "WorkspacesPools",
    );
    assert_eq!(all.len(), 4);
    let centre = pool_named(&mut state, "call-centre");
    assert_eq!(centre["State"], "RUNNING");
    assert_eq!(centre["CapacityStatus"]["ActiveUserSessions"], 14);
    assert_eq!(centre["CapacityStatus"]["AvailableUserSessions"], 6);
    let interns = pool_named(&mut state, "summer-interns");
    assert_eq!(
        interns["Errors"][0]["ErrorCode"],
        "SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES"
    );

    let filtered = call(
        &mut state,
        "DescribeWorkspacesPools",
        json!({"Filters": [{"Name": "PoolName", "Values": ["lab"], "Operator": "CONTAINS"}]}),
    );
    assert_eq!(filtered["WorkspacesPools"][0]["PoolName"], "training-lab");
}

#[test]
fn stop_start_and_terminate_move_through_their_states_in_simulated_time() {
    let mut state = seeded(5);
    let pool_id = id(&pool_named(&mut state, "contractors"));
    // Only a stopped pool can be terminated or started.
    for op in ["TerminateWorkspacesPool", "StartWorkspacesPool"] {
        assert_eq!(
            error_code(&mut state, op, json!({"PoolId": pool_id})),
            "InvalidResourceStateException"
        );
    }
    call(&mut state, "StopWorkspacesPool", json!({"PoolId": pool_id}));
    assert_eq!(pool_at(&mut state, 1, &pool_id)["State"], "STOPPING");
    assert_eq!(
        call_at(
            &mut state,
            1,
            "StartWorkspacesPool",
            json!({"PoolId": pool_id})
        )
        .map_err(|e| e.code),
        Err("OperationInProgressException")
    );
    let stopped = pool_at(&mut state, 30, &pool_id);
    assert_eq!(stopped["State"], "STOPPED");
    assert_eq!(stopped["CapacityStatus"]["ActualUserSessions"], 0);

    call_at(
        &mut state,
        31,
        "StartWorkspacesPool",
        json!({"PoolId": pool_id}),
    )
    .unwrap();
    assert_eq!(pool_at(&mut state, 32, &pool_id)["State"], "STARTING");
    assert_eq!(pool_at(&mut state, 61, &pool_id)["State"], "RUNNING");

    call_at(
        &mut state,
        62,
        "StopWorkspacesPool",
        json!({"PoolId": pool_id}),
    )
    .unwrap();
    call_at(
        &mut state,
        92,
        "TerminateWorkspacesPool",
        json!({"PoolId": pool_id}),
    )
    .unwrap();
    assert_eq!(pool_at(&mut state, 93, &pool_id)["State"], "DELETING");
    assert!(pool_at(&mut state, 122, &pool_id).is_null());
}

#[test]
fn create_and_update_check_the_model_and_the_account() {
    let mut state = seeded(5);
    let centre = pool_named(&mut state, "call-centre");
    let base = json!({
        "PoolName": "night",
        "Description": "Night shift",
        "BundleId": centre["BundleId"],
        "DirectoryId": centre["DirectoryId"],
        "Capacity": {"DesiredUserSessions": 4},
        "TimeoutSettings": {"DisconnectTimeoutInSeconds": 120},
    });
    let mut bad = base.clone();
    bad["TimeoutSettings"]["DisconnectTimeoutInSeconds"] = json!(59);
    assert_eq!(
        error_code(&mut state, "CreateWorkspacesPool", bad),
        "ValidationException"
    );
    let mut unknown = base.clone();
    unknown["BundleId"] = json!("wsb-zzzzzzzzz");
    assert_eq!(
        error_code(&mut state, "CreateWorkspacesPool", unknown),
        "ResourceNotFoundException"
    );
    let created = call(&mut state, "CreateWorkspacesPool", base.clone());
    let pool = &created["WorkspacesPool"];
    assert_eq!(pool["State"], "CREATING");
    assert_eq!(pool["RunningMode"], "AUTO_STOP");
    assert_eq!(
        error_code(&mut state, "CreateWorkspacesPool", base),
        "ResourceAlreadyExistsException"
    );
    let pool_id = id(pool);
    assert_eq!(
        pool_at(&mut state, 30, &pool_id)["CapacityStatus"]["ActualUserSessions"],
        4
    );

    // A running pool keeps its directory.
    let other = state.directories.keys().nth(1).cloned().unwrap();
    assert_eq!(
        call_at(
            &mut state,
            31,
            "UpdateWorkspacesPool",
            json!({"PoolId": pool_id, "DirectoryId": other}),
        )
        .map_err(|e| e.code),
        Err("InvalidResourceStateException")
    );
    let updated = call_at(
        &mut state,
        31,
        "UpdateWorkspacesPool",
        json!({"PoolId": pool_id, "ApplicationSettings": {"Status": "ENABLED"}}),
    )
    .unwrap();
    assert_eq!(updated["WorkspacesPool"]["State"], "UPDATING");
    assert!(updated["WorkspacesPool"]["ApplicationSettings"]["S3BucketName"].is_string());
}

#[test]
fn sessions_page_and_end_one_at_a_time() {
    let mut state = seeded(5);
    let pool_id = id(&pool_named(&mut state, "call-centre"));
    let sessions = all_pages(
        &mut state,
        "DescribeWorkspacesPoolSessions",
        json!({"PoolId": pool_id}),
        "Sessions",
    );
    assert_eq!(sessions.len(), 14);
    let session_id = sessions[0]["SessionId"].as_str().unwrap().to_owned();
    call(
        &mut state,
        "TerminateWorkspacesPoolSession",
        json!({"SessionId": session_id}),
    );
    assert_eq!(
        pool_at(&mut state, 0, &pool_id)["CapacityStatus"]["ActiveUserSessions"],
        13
    );
    assert_eq!(
        error_code(
            &mut state,
            "TerminateWorkspacesPoolSession",
            json!({"SessionId": session_id})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "TerminateWorkspacesPoolSession",
            json!({"SessionId": "not-a-uuid"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspacesPoolSessions",
            json!({"PoolId": "wspool-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
}
