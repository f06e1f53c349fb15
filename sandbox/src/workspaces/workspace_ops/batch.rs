//! The batch state changes: start, stop, reboot, rebuild and terminate.

use serde_json::{Value, json};

use super::super::error::WsError;
use super::super::input::{Input, WORKSPACE_ID, check_count, missing};
use super::super::model::{Schedule, ScheduledState, Workspace};
use super::super::{Clock, WorkspacesState};
use super::{BATCH_LIMIT, ItemFailure};

/// How one batch operation changes a WorkSpace.
pub(crate) struct BatchChange {
    request_list: &'static str,
    max_requests: usize,
    /// Whether the WorkSpace may take this change now.
    allowed: fn(&Workspace) -> Result<(), ItemFailure>,
    /// The state the WorkSpace is in while the change runs, and the states
    /// it reaches afterwards, one `transition` apart (`None`: removed).
    states: (&'static str, &'static [Option<&'static str>]),
}

fn wrong_state(workspace: &Workspace, action: &str) -> ItemFailure {
    ItemFailure::new(
        "InvalidResourceState",
        format!(
            "The WorkSpace {} cannot be {action} while it is {}.",
            workspace.workspace_id, workspace.state
        ),
    )
}

fn in_state(workspace: &Workspace, states: &[&str], action: &str) -> Result<(), ItemFailure> {
    if states.contains(&workspace.state.as_str()) {
        Ok(())
    } else {
        Err(wrong_state(workspace, action))
    }
}

fn can_start(workspace: &Workspace) -> Result<(), ItemFailure> {
    in_state(workspace, &["STOPPED"], "started")
}

fn can_stop(workspace: &Workspace) -> Result<(), ItemFailure> {
    if workspace.workspace_properties.running_mode == "ALWAYS_ON" {
        return Err(ItemFailure::new(
            "OperationNotSupported",
            format!(
                "The WorkSpace {} runs in ALWAYS_ON mode and cannot be stopped.",
                workspace.workspace_id
            ),
        ));
    }
    in_state(
        workspace,
        &["AVAILABLE", "IMPAIRED", "UNHEALTHY", "ERROR"],
        "stopped",
    )
}

fn can_reboot(workspace: &Workspace) -> Result<(), ItemFailure> {
    in_state(
        workspace,
        &["AVAILABLE", "IMPAIRED", "UNHEALTHY", "REBOOTING"],
        "rebooted",
    )
}

fn can_rebuild(workspace: &Workspace) -> Result<(), ItemFailure> {
    in_state(
        workspace,
        &["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "REBOOTING"],
        "rebuilt",
    )
}

fn can_terminate(workspace: &Workspace) -> Result<(), ItemFailure> {
    if workspace.state == "SUSPENDED" {
        Err(wrong_state(workspace, "terminated"))
    } else {
        Ok(())
    }
}

pub(crate) const START: BatchChange = BatchChange {
    request_list: "StartWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_start,
    states: ("STARTING", &[Some("AVAILABLE")]),
};
pub(crate) const STOP: BatchChange = BatchChange {
    request_list: "StopWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_stop,
    states: ("STOPPING", &[Some("STOPPED")]),
};
pub(crate) const REBOOT: BatchChange = BatchChange {
    request_list: "RebootWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_reboot,
    states: ("REBOOTING", &[Some("AVAILABLE")]),
};
/// The API rebuilds one WorkSpace a call.
pub(crate) const REBUILD: BatchChange = BatchChange {
    request_list: "RebuildWorkspaceRequests",
    max_requests: 1,
    allowed: can_rebuild,
    states: ("REBUILDING", &[Some("AVAILABLE")]),
};
/// TERMINATED is shown only briefly before the WorkSpace disappears.
pub(crate) const TERMINATE: BatchChange = BatchChange {
    request_list: "TerminateWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_terminate,
    states: ("TERMINATING", &[Some("TERMINATED"), None]),
};

impl WorkspacesState {
    pub(crate) fn change_workspaces(
        &mut self,
        input: &Input,
        clock: &Clock,
        change: BatchChange,
    ) -> Result<Value, WsError> {
        let path = input.path_of(change.request_list);
        let requests = input
            .objects(change.request_list)?
            .ok_or_else(|| missing(&path))?;
        check_count(&path, requests.len(), 1, change.max_requests)?;
        let workspace_ids = requests
            .iter()
            .map(|request| request.required_id("WorkspaceId", &WORKSPACE_ID))
            .collect::<Result<Vec<_>, WsError>>()?;

        let (during, afterwards) = change.states;
        let mut failed = Vec::new();
        for workspace_id in workspace_ids {
            let Some(record) = self.workspaces.get_mut(workspace_id) else {
                failed.push(failed_change(
                    workspace_id,
                    ItemFailure::new(
                        "ResourceNotFound.Workspace",
                        format!("The WorkSpace {workspace_id} could not be found."),
                    ),
                ));
                continue;
            };
            // Terminating a WorkSpace that is already going away changes nothing.
            if during == "TERMINATING"
                && ["TERMINATING", "TERMINATED"].contains(&record.workspace.state.as_str())
            {
                continue;
            }
            if let Err(failure) = (change.allowed)(&record.workspace) {
                failed.push(failed_change(workspace_id, failure));
                continue;
            }
            record.workspace.state = during.to_owned();
            record.schedule = Schedule::new(
                afterwards
                    .iter()
                    .zip(1..)
                    .map(|(state, step)| ScheduledState {
                        at: clock.after(step),
                        state: state.map(str::to_owned),
                    })
                    .collect(),
            );
            if during == "REBUILDING" {
                record.snapshot_at(clock.after(1));
            }
        }
        Ok(json!({"FailedRequests": failed}))
    }
}

fn failed_change(workspace_id: &str, failure: ItemFailure) -> Value {
    json!({
        "WorkspaceId": workspace_id,
        "ErrorCode": failure.code,
        "ErrorMessage": failure.message,
    })
}
