//! The seeded fleet: deterministic, varied, and surviving a save.

use std::collections::BTreeSet;

use serde_json::json;

use super::super::{ACCOUNT_ID, WorkspacesState};
use super::{all_pages, call, find_workspace, seeded, start_time, workspace_state_at};

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
    let distinct = |field: fn(&super::super::model::Workspace) -> String| -> BTreeSet<String> {
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
