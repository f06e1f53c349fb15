//! The WorkSpace operations that take one WorkSpace a call: RestoreWorkspace
//! and ModifyWorkspaceState, with the states the service allows them from.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{Input, WORKSPACE_ID, check_enum};
use super::model::{Schedule, ScheduledState, WorkspaceRecord};
use super::{Clock, WorkspacesState};

/// The states RestoreWorkspace starts from.
const RESTORABLE: &[&str] = &["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"];

/// The states a WorkSpace enters admin maintenance from.
const MAINTAINABLE: &[&str] = &["AVAILABLE", "STOPPED"];

impl WorkspacesState {
    fn workspace_record(&mut self, input: &Input) -> Result<&mut WorkspaceRecord, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        self.workspaces.get_mut(workspace_id).ok_or_else(|| {
            WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
        })
    }

    /// RESTORING, then AVAILABLE one transition later.
    pub(super) fn restore_workspace(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let record = self.workspace_record(input)?;
        let workspace = &mut record.workspace;
        if !RESTORABLE.contains(&workspace.state.as_str()) {
            return Err(WsError::not_supported(format!(
                "The WorkSpace {} cannot be restored while it is {}; it must be AVAILABLE, \
                 ERROR, UNHEALTHY or STOPPED.",
                workspace.workspace_id, workspace.state
            )));
        }
        workspace.state = "RESTORING".to_owned();
        record.schedule = Schedule::new(vec![ScheduledState {
            at: clock.after(1),
            state: Some("AVAILABLE".to_owned()),
        }]);
        Ok(json!({}))
    }

    /// Into ADMIN_MAINTENANCE from AVAILABLE or STOPPED; back to AVAILABLE
    /// from ADMIN_MAINTENANCE.
    pub(super) fn modify_workspace_state(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let target = input.required_str("WorkspaceState")?;
        check_enum(
            &input.path_of("WorkspaceState"),
            target,
            &["AVAILABLE", "ADMIN_MAINTENANCE"],
        )?;
        let record = self.workspace_record(input)?;
        let workspace = &mut record.workspace;
        let allowed: &[&str] = if target == "ADMIN_MAINTENANCE" {
            MAINTAINABLE
        } else {
            &["ADMIN_MAINTENANCE"]
        };
        if !allowed.contains(&workspace.state.as_str()) {
            return Err(WsError::invalid_state(format!(
                "The WorkSpace {} cannot go to {target} while it is {}.",
                workspace.workspace_id, workspace.state
            )));
        }
        workspace.state = target.to_owned();
        record.schedule = Schedule::default();
        Ok(json!({}))
    }
}
