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
