//! DescribeWorkspaceSnapshots (what is recorded as WorkSpaces are created,
//! rebuilt and restored) and CreateStandbyWorkspaces (its per-request rules).

use serde_json::{Value, json};

use super::{call, call_at, create_request, error_code, find_workspace, seeded};

fn snapshot_times(answer: &Value, list: &str) -> Vec<f64> {
    answer[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|s| s["SnapshotTime"].as_f64())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn snapshots_are_seeded_and_taken_when_a_rebuild_or_restore_ends() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    let seeded_answer = call(
        &mut state,
        "DescribeWorkspaceSnapshots",
        json!({"WorkspaceId": stopped}),
    );
    let rebuild = snapshot_times(&seeded_answer, "RebuildSnapshots");
    assert_eq!(rebuild.len(), 3, "{seeded_answer}");
    assert!(rebuild.windows(2).all(|w| w[0] > w[1]), "newest first");
    assert_eq!(
        snapshot_times(&seeded_answer, "RestoreSnapshots"),
        rebuild[..1]
    );

    call(
        &mut state,
        "RestoreWorkspace",
        json!({"WorkspaceId": stopped}),
    );
    // Not until the restore has ended.
    let during = call_at(
        &mut state,
        10,
        "DescribeWorkspaceSnapshots",
        json!({"WorkspaceId": stopped}),
    )
    .unwrap();
    assert_eq!(snapshot_times(&during, "RebuildSnapshots"), rebuild);
    let after = call_at(
        &mut state,
        31,
        "DescribeWorkspaceSnapshots",
        json!({"WorkspaceId": stopped}),
    )
    .unwrap();
    let times = snapshot_times(&after, "RebuildSnapshots");
    assert_eq!(times.len(), 4);
    assert!(times[0] > rebuild[0]);
    assert_eq!(snapshot_times(&after, "RestoreSnapshots"), times[..1]);

    // A new WorkSpace has its first once it is AVAILABLE.
    let request = create_request(&state, "snapshot.user", "Standard with Amazon Linux 2");
    let created = call(
        &mut state,
        "CreateWorkspaces",
        json!({"Workspaces": [request]}),
    );
    let new_id = created["PendingRequests"][0]["WorkspaceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let pending = call(
        &mut state,
        "DescribeWorkspaceSnapshots",
        json!({"WorkspaceId": new_id}),
    );
    assert!(snapshot_times(&pending, "RebuildSnapshots").is_empty());
    let ready = call_at(
        &mut state,
        31,
        "DescribeWorkspaceSnapshots",
        json!({"WorkspaceId": new_id}),
    )
    .unwrap();
    assert_eq!(snapshot_times(&ready, "RestoreSnapshots").len(), 1);

    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceSnapshots",
            json!({"WorkspaceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(&mut state, "DescribeWorkspaceSnapshots", json!({})),
        "ValidationException"
    );
}

#[test]
fn standby_requests_fail_one_by_one_and_the_rest_are_created() {
    let mut state = seeded(200);
    let primary = find_workspace(&state, |w| {
        w.state == "AVAILABLE"
            && w.standby_workspaces_properties.is_none()
            && !w.user_volume_encryption_enabled
    });
    let with_standby = find_workspace(&state, |w| w.standby_workspaces_properties.is_some());
    let directory = state.directories.keys().next().cloned().unwrap();
    let answer = call(
        &mut state,
        "CreateStandbyWorkspaces",
        json!({
            "PrimaryRegion": "us-east-1",
            "StandbyWorkspaces": [
                {"PrimaryWorkspaceId": primary, "DirectoryId": directory,
                 "DataReplication": "PRIMARY_AS_SOURCE", "Tags": [{"Key": "dr", "Value": "yes"}]},
                {"PrimaryWorkspaceId": "ws-zzzzzzzzz", "DirectoryId": directory},
                {"PrimaryWorkspaceId": with_standby, "DirectoryId": directory},
            ]
        }),
    );
    let failed = answer["FailedStandbyRequests"].as_array().unwrap();
    let codes: Vec<&str> = failed
        .iter()
        .filter_map(|f| f["ErrorCode"].as_str())
        .collect();
    assert_eq!(
        codes,
        ["ResourceNotFound.Workspace", "ResourceAlreadyExists"]
    );
    assert_eq!(
        failed[0]["StandbyWorkspaceRequest"]["PrimaryWorkspaceId"],
        "ws-zzzzzzzzz"
    );
    let pending = answer["PendingStandbyRequests"].as_array().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["State"], "PENDING");
    let standby_id = pending[0]["WorkspaceId"].as_str().unwrap().to_owned();

    let described = call_at(
        &mut state,
        31,
        "DescribeWorkspaces",
        json!({"WorkspaceIds": [primary, standby_id]}),
    )
    .unwrap();
    let workspaces = described["Workspaces"].as_array().unwrap();
    let by_id = |id: &str| {
        workspaces
            .iter()
            .find(|w| w["WorkspaceId"] == id)
            .cloned()
            .unwrap()
    };
    let standby = by_id(&standby_id);
    assert_eq!(standby["State"], "STOPPED");
    assert_eq!(standby["RelatedWorkspaces"][0]["Type"], "PRIMARY");
    assert_eq!(standby["RelatedWorkspaces"][0]["Region"], "us-east-1");
    let primary_now = by_id(&primary);
    assert_eq!(
        primary_now["StandbyWorkspacesProperties"][0]["StandbyWorkspaceId"],
        standby_id.as_str()
    );
    assert_eq!(
        primary_now["StandbyWorkspacesProperties"][0]["DataReplication"],
        "PRIMARY_AS_SOURCE"
    );
    let tags = call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": standby_id}),
    );
    assert_eq!(tags["TagList"][0]["Key"], "dr");

    // A standby of a standby is refused; so are a bad region and enum.
    let again = call(
        &mut state,
        "CreateStandbyWorkspaces",
        json!({"PrimaryRegion": "us-east-1",
               "StandbyWorkspaces": [{"PrimaryWorkspaceId": standby_id, "DirectoryId": directory}]}),
    );
    assert_eq!(
        again["FailedStandbyRequests"][0]["ErrorCode"],
        "OperationNotSupported"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateStandbyWorkspaces",
            json!({"PrimaryRegion": "US_EAST_1", "StandbyWorkspaces": []})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateStandbyWorkspaces",
            json!({"PrimaryRegion": "us-east-1",
                   "StandbyWorkspaces": [{"PrimaryWorkspaceId": primary, "DirectoryId": directory,
                                          "DataReplication": "SOMETIMES"}]})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateStandbyWorkspaces",
            json!({"PrimaryRegion": "us-east-1", "StandbyWorkspaces": []})
        ),
        "InvalidParameterValuesException"
    );
}
