//! RestoreWorkspace and ModifyWorkspaceState: the states they start from
//! and where they lead.

use serde_json::json;

use super::{call, error_code, find_workspace, seeded, workspace_state_at};

#[test]
fn restore_runs_from_the_allowed_states_and_ends_available() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    call(
        &mut state,
        "RestoreWorkspace",
        json!({"WorkspaceId": stopped}),
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &stopped).as_deref(),
        Some("RESTORING")
    );
    // Restoring is not a state a restore starts from.
    assert_eq!(
        error_code(
            &mut state,
            "RestoreWorkspace",
            json!({"WorkspaceId": stopped})
        ),
        "OperationNotSupportedException"
    );
    assert_eq!(
        workspace_state_at(&mut state, 31, &stopped).as_deref(),
        Some("AVAILABLE")
    );
    assert_eq!(
        error_code(
            &mut state,
            "RestoreWorkspace",
            json!({"WorkspaceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "RestoreWorkspace",
            json!({"WorkspaceId": "nope"})
        ),
        "ValidationException"
    );
}

#[test]
fn maintenance_enters_from_available_or_stopped_and_leaves_to_available() {
    let mut state = seeded(100);
    let available = find_workspace(&state, |w| w.state == "AVAILABLE");
    let on = json!({"WorkspaceId": available, "WorkspaceState": "ADMIN_MAINTENANCE"});
    let off = json!({"WorkspaceId": available, "WorkspaceState": "AVAILABLE"});
    assert_eq!(
        error_code(&mut state, "ModifyWorkspaceState", off.clone()),
        "InvalidResourceStateException"
    );
    call(&mut state, "ModifyWorkspaceState", on.clone());
    assert_eq!(
        workspace_state_at(&mut state, 0, &available).as_deref(),
        Some("ADMIN_MAINTENANCE")
    );
    assert_eq!(
        error_code(&mut state, "ModifyWorkspaceState", on),
        "InvalidResourceStateException"
    );
    call(&mut state, "ModifyWorkspaceState", off);
    assert_eq!(
        workspace_state_at(&mut state, 0, &available).as_deref(),
        Some("AVAILABLE")
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyWorkspaceState",
            json!({"WorkspaceId": available, "WorkspaceState": "SLEEPING"})
        ),
        "ValidationException"
    );
}

#[test]
fn migrate_needs_a_bundle_of_the_same_os_and_terminates_the_source() {
    let mut state = seeded(100);
    let source = find_workspace(&state, |w| {
        w.state == "AVAILABLE"
            && w.workspace_properties
                .operating_system_name
                .starts_with("WINDOWS")
    });
    let source_bundle = state.workspaces[&source].workspace.bundle_id.clone();
    let windows_bundle = state
        .bundles
        .values()
        .find(|b| {
            b.operating_system_name.starts_with("WINDOWS") && b.bundle.bundle_id != source_bundle
        })
        .map(|b| b.bundle.bundle_id.clone())
        .expect("another Windows bundle");
    let linux_bundle = state
        .bundles
        .values()
        .find(|b| !b.operating_system_name.starts_with("WINDOWS"))
        .map(|b| b.bundle.bundle_id.clone())
        .expect("a Linux bundle");
    assert_eq!(
        error_code(
            &mut state,
            "MigrateWorkspace",
            json!({"SourceWorkspaceId": source, "BundleId": linux_bundle})
        ),
        "InvalidParameterValuesException"
    );
    let answer = call(
        &mut state,
        "MigrateWorkspace",
        json!({"SourceWorkspaceId": source, "BundleId": windows_bundle}),
    );
    let target = answer["TargetWorkspaceId"]
        .as_str()
        .expect("a target")
        .to_owned();
    assert_eq!(answer["SourceWorkspaceId"], json!(source));
    assert_eq!(
        workspace_state_at(&mut state, 0, &target).as_deref(),
        Some("PENDING")
    );
    assert_eq!(
        workspace_state_at(&mut state, 0, &source).as_deref(),
        Some("TERMINATING")
    );
    assert_eq!(
        error_code(
            &mut state,
            "MigrateWorkspace",
            json!({"SourceWorkspaceId": source, "BundleId": windows_bundle})
        ),
        "ResourceUnavailableException"
    );
    assert_eq!(
        workspace_state_at(&mut state, 31, &target).as_deref(),
        Some("AVAILABLE")
    );
}
