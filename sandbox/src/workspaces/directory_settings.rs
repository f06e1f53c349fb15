//! Changing a registered directory: its self-service permissions, and
//! deregistering it.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{DIRECTORY_ID, Input, check_enum, missing};
use super::model::Directory;
use super::{Clock, WorkspacesState};

const ENABLED_OR_DISABLED: &[&str] = &["ENABLED", "DISABLED"];

impl WorkspacesState {
    fn directory_mut(&mut self, directory_id: &str) -> Result<&mut Directory, WsError> {
        self.directories.get_mut(directory_id).ok_or_else(|| {
            WsError::not_found(format!("The directory {directory_id} could not be found."))
        })
    }

    pub(super) fn modify_selfservice_permissions(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let permissions = input
            .object("SelfservicePermissions")?
            .ok_or_else(|| missing(&input.path_of("SelfservicePermissions")))?;
        let mut changes = Vec::new();
        for member in [
            "RestartWorkspace",
            "IncreaseVolumeSize",
            "ChangeComputeType",
            "SwitchRunningMode",
            "RebuildWorkspace",
        ] {
            if let Some(value) = permissions.str(member)? {
                check_enum(&permissions.path_of(member), value, ENABLED_OR_DISABLED)?;
                changes.push((member, value.to_owned()));
            }
        }
        let directory = self.directory_mut(directory_id)?;
        let current = &mut directory.selfservice_permissions;
        for (member, value) in changes {
            let slot = match member {
                "RestartWorkspace" => &mut current.restart_workspace,
                "IncreaseVolumeSize" => &mut current.increase_volume_size,
                "ChangeComputeType" => &mut current.change_compute_type,
                "SwitchRunningMode" => &mut current.switch_running_mode,
                _ => &mut current.rebuild_workspace,
            };
            *slot = value;
        }
        Ok(json!({}))
    }

    pub(super) fn deregister_workspace_directory(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("DirectoryId", &DIRECTORY_ID)?;
        self.directory_mut(directory_id)?;
        let in_use = self
            .workspaces
            .values()
            .filter(|record| record.workspace.directory_id == directory_id)
            .count();
        if in_use > 0 {
            return Err(WsError::invalid_state(format!(
                "The directory {directory_id} has {in_use} WorkSpaces; remove them before deregistering it."
            )));
        }
        self.directories.remove(directory_id);
        self.tags.remove(directory_id);
        Ok(json!({}))
    }
}
