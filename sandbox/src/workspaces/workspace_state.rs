//! The WorkSpace operations that take one WorkSpace a call: RestoreWorkspace,
//! MigrateWorkspace and ModifyWorkspaceState, with the states the service
//! allows them from.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{BUNDLE_ID, Input, WORKSPACE_ID, check_enum};
use super::model::{Schedule, ScheduledState, WorkspaceRecord, os_family};
use super::{Clock, WorkspacesState};

/// The states RestoreWorkspace starts from.
const RESTORABLE: &[&str] = &["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"];

/// The states MigrateWorkspace starts from.
const MIGRATABLE: &[&str] = &["AVAILABLE", "STOPPED"];

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
        let available_at = clock.after(1);
        record.schedule = Schedule::new(vec![ScheduledState {
            at: available_at,
            state: Some("AVAILABLE".to_owned()),
        }]);
        record.snapshot_at(available_at);
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

    /// A new WorkSpace (PENDING, then AVAILABLE) from the bundle, for the
    /// same user with the same properties; the source is terminated.
    pub(super) fn migrate_workspace(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let source_id = input.required_id("SourceWorkspaceId", &WORKSPACE_ID)?;
        let bundle_id = input.required_id("BundleId", &BUNDLE_ID)?;
        let source = self.workspaces.get(source_id).ok_or_else(|| {
            WsError::not_found(format!("The WorkSpace {source_id} could not be found."))
        })?;
        let bundle = self.bundles.get(bundle_id).ok_or_else(|| {
            WsError::not_found(format!("The bundle {bundle_id} could not be found."))
        })?;
        let workspace = &source.workspace;
        if !MIGRATABLE.contains(&workspace.state.as_str()) {
            return Err(WsError::of(
                "ResourceUnavailableException",
                format!(
                    "The WorkSpace {source_id} cannot be migrated while it is {}.",
                    workspace.state
                ),
            ));
        }
        if workspace.bundle_id == bundle_id {
            return Err(WsError::invalid_parameter(format!(
                "The WorkSpace {source_id} already runs the bundle {bundle_id}."
            )));
        }
        let running = &workspace.workspace_properties.operating_system_name;
        if os_family(&bundle.operating_system_name) != os_family(running) {
            return Err(WsError::invalid_parameter(format!(
                "The bundle {bundle_id} runs {}, which is not the operating system of the \
                 WorkSpace {source_id} ({running}).",
                bundle.operating_system_name
            )));
        }
        let mut target = source.clone();
        let target_id = self
            .id_source
            .fresh_id("ws-", 9, |id| self.workspaces.contains_key(id));
        target.workspace.workspace_id = target_id.clone();
        target.workspace.bundle_id = bundle_id.to_owned();
        target.workspace.workspace_properties.operating_system_name =
            bundle.operating_system_name.clone();
        target.workspace.state = "PENDING".to_owned();
        let available_at = clock.after(1);
        target.schedule = Schedule::new(vec![ScheduledState {
            at: available_at,
            state: Some("AVAILABLE".to_owned()),
        }]);
        target.snapshots.clear();
        target.snapshot_at(available_at);
        if let Some(tags) = self.tags.get(source_id).cloned() {
            self.tags.insert(target_id.clone(), tags);
        }
        self.workspaces.insert(target_id.clone(), target);
        if let Some(source) = self.workspaces.get_mut(source_id) {
            source.workspace.state = "TERMINATING".to_owned();
            source.schedule = Schedule::new(vec![
                ScheduledState {
                    at: clock.after(1),
                    state: Some("TERMINATED".to_owned()),
                },
                ScheduledState {
                    at: clock.after(2),
                    state: None,
                },
            ]);
        }
        Ok(json!({"SourceWorkspaceId": source_id, "TargetWorkspaceId": target_id}))
    }
}
