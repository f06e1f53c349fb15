//! ModifyWorkspaceProperties and data replication.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::super::WorkspacesState;
use super::{at, call, call_at, error_code, find_workspace, seeded};

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
