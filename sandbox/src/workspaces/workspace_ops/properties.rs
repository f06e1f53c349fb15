//! A WorkSpace's properties: what a request may set, the service's rules
//! for them, and ModifyWorkspaceProperties.

use serde_json::{Value, json};

use super::super::error::WsError;
use super::super::input::{Input, WORKSPACE_ID, check_enum, check_enums};
use super::super::model::{
    COMPUTE_TYPES, DATA_REPLICATION, DataReplicationSettings, ModificationState,
    OPERATING_SYSTEM_NAMES, PROTOCOLS, RUNNING_MODES, WorkspaceProperties, os_family,
};
use super::super::{Clock, WorkspacesState};

/// What the caller asked to set in `WorkspaceProperties`.
#[derive(Default)]
pub(super) struct PropertiesRequest<'a> {
    running_mode: Option<&'a str>,
    auto_stop_timeout: Option<i64>,
    root_volume_size: Option<i64>,
    user_volume_size: Option<i64>,
    compute_type: Option<&'a str>,
    protocols: Option<Vec<&'a str>>,
    operating_system: Option<&'a str>,
}

impl<'a> PropertiesRequest<'a> {
    /// Reads `WorkspaceProperties`, checking the model's enums.
    pub(super) fn parse(properties: &Input<'a>) -> Result<Self, WsError> {
        let running_mode = properties.str("RunningMode")?;
        if let Some(mode) = running_mode {
            check_enum(&properties.path_of("RunningMode"), mode, RUNNING_MODES)?;
        }
        let compute_type = properties.str("ComputeTypeName")?;
        if let Some(compute) = compute_type {
            check_enum(
                &properties.path_of("ComputeTypeName"),
                compute,
                COMPUTE_TYPES,
            )?;
        }
        let protocols = properties.strings("Protocols")?;
        if let Some(protocols) = &protocols {
            check_enums(&properties.path_of("Protocols"), protocols, PROTOCOLS)?;
        }
        let operating_system = properties.str("OperatingSystemName")?;
        if let Some(name) = operating_system {
            check_enum(
                &properties.path_of("OperatingSystemName"),
                name,
                OPERATING_SYSTEM_NAMES,
            )?;
        }
        Ok(Self {
            running_mode,
            auto_stop_timeout: properties.int("RunningModeAutoStopTimeoutInMinutes")?,
            root_volume_size: properties.int("RootVolumeSizeGib")?,
            user_volume_size: properties.int("UserVolumeSizeGib")?,
            compute_type,
            protocols,
            operating_system,
        })
    }

    fn is_empty(&self) -> bool {
        self.running_mode.is_none()
            && self.auto_stop_timeout.is_none()
            && self.root_volume_size.is_none()
            && self.user_volume_size.is_none()
            && self.compute_type.is_none()
            && self.protocols.is_none()
            && self.operating_system.is_none()
    }

    /// `current` with the requested changes applied.
    pub(super) fn apply_to(&self, current: &WorkspaceProperties) -> WorkspaceProperties {
        let running_mode = self
            .running_mode
            .unwrap_or(&current.running_mode)
            .to_owned();
        let auto_stop_timeout = if running_mode == "AUTO_STOP" {
            self.auto_stop_timeout
                .or(current.running_mode_auto_stop_timeout_in_minutes)
                .or(Some(60))
        } else {
            None
        };
        WorkspaceProperties {
            running_mode,
            running_mode_auto_stop_timeout_in_minutes: auto_stop_timeout,
            root_volume_size_gib: self
                .root_volume_size
                .unwrap_or(current.root_volume_size_gib),
            user_volume_size_gib: self
                .user_volume_size
                .unwrap_or(current.user_volume_size_gib),
            compute_type_name: self
                .compute_type
                .unwrap_or(&current.compute_type_name)
                .to_owned(),
            protocols: match &self.protocols {
                Some(protocols) => protocols.iter().map(|p| (*p).to_owned()).collect(),
                None => current.protocols.clone(),
            },
            operating_system_name: self
                .operating_system
                .unwrap_or(&current.operating_system_name)
                .to_owned(),
        }
    }
}

/// The service's rules for a WorkSpace's properties; `previous` is set when
/// an existing WorkSpace is modified.
pub(super) fn check_properties(
    properties: &WorkspaceProperties,
    previous: Option<&WorkspaceProperties>,
) -> Result<(), WsError> {
    if let Some(timeout) = properties.running_mode_auto_stop_timeout_in_minutes
        && (timeout <= 0 || timeout % 60 != 0)
    {
        return Err(WsError::invalid_parameter(format!(
            "RunningModeAutoStopTimeoutInMinutes must be a positive multiple of 60, not {timeout}."
        )));
    }
    if !(80..=2000).contains(&properties.root_volume_size_gib) {
        return Err(WsError::invalid_parameter(
            "RootVolumeSizeGib must be between 80 and 2000.",
        ));
    }
    if !(10..=2000).contains(&properties.user_volume_size_gib) {
        return Err(WsError::invalid_parameter(
            "UserVolumeSizeGib must be between 10 and 2000.",
        ));
    }
    if properties.protocols.is_empty() {
        return Err(WsError::invalid_parameter(
            "Protocols must name a protocol.",
        ));
    }
    let linux = os_family(&properties.operating_system_name) == "LINUX";
    if linux
        && properties.operating_system_name != "AMAZON_LINUX_2"
        && properties.protocols.iter().any(|p| p == "PCOIP")
    {
        return Err(WsError::of(
            "UnsupportedWorkspaceConfigurationException",
            format!(
                "{} WorkSpaces support only the WSP protocol.",
                properties.operating_system_name
            ),
        ));
    }
    if let Some(previous) = previous {
        if properties.root_volume_size_gib < previous.root_volume_size_gib
            || properties.user_volume_size_gib < previous.user_volume_size_gib
        {
            return Err(WsError::invalid_parameter(
                "Volumes can only be increased, never decreased.",
            ));
        }
        if os_family(&properties.operating_system_name)
            != os_family(&previous.operating_system_name)
        {
            return Err(WsError::of(
                "UnsupportedWorkspaceConfigurationException",
                format!(
                    "A {} WorkSpace cannot be changed to {}.",
                    previous.operating_system_name, properties.operating_system_name
                ),
            ));
        }
    }
    Ok(())
}

impl WorkspacesState {
    pub(crate) fn modify_workspace_properties(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let requested = match input.object("WorkspaceProperties")? {
            Some(properties) => PropertiesRequest::parse(&properties)?,
            None => PropertiesRequest::default(),
        };
        let data_replication = input.str("DataReplication")?;
        if let Some(replication) = data_replication {
            check_enum(
                &input.path_of("DataReplication"),
                replication,
                DATA_REPLICATION,
            )?;
        }
        if requested.is_empty() && data_replication.is_none() {
            return Err(WsError::invalid_parameter(
                "Specify WorkspaceProperties or DataReplication.",
            ));
        }
        let record = self.workspaces.get_mut(workspace_id).ok_or_else(|| {
            WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
        })?;
        if record.modifications_done_at.is_some() {
            return Err(WsError::of(
                "OperationInProgressException",
                format!("The WorkSpace {workspace_id} is still applying an earlier modification."),
            ));
        }
        let workspace = &mut record.workspace;
        if !["AVAILABLE", "STOPPED"].contains(&workspace.state.as_str()) {
            return Err(WsError::invalid_state(format!(
                "The WorkSpace {workspace_id} cannot be modified while it is {}.",
                workspace.state
            )));
        }
        let current = workspace.workspace_properties.clone();
        let updated = requested.apply_to(&current);
        check_properties(&updated, Some(&current))?;
        if let Some(replication) = data_replication {
            if workspace.standby_workspaces_properties.is_none() {
                return Err(WsError::invalid_parameter(format!(
                    "The WorkSpace {workspace_id} has no standby WorkSpace to replicate to."
                )));
            }
            workspace.data_replication_settings = Some(DataReplicationSettings {
                data_replication: replication.to_owned(),
                recovery_snapshot_time: clock.now,
            });
        }

        // Volume, compute and protocol changes take a while and show in
        // ModificationStates until they are done; the rest is immediate.
        let slow_changes = [
            (
                "ROOT_VOLUME",
                current.root_volume_size_gib != updated.root_volume_size_gib,
            ),
            (
                "USER_VOLUME",
                current.user_volume_size_gib != updated.user_volume_size_gib,
            ),
            (
                "COMPUTE_TYPE",
                current.compute_type_name != updated.compute_type_name,
            ),
            ("PROTOCOL", current.protocols != updated.protocols),
        ];
        workspace.modification_states = slow_changes
            .iter()
            .filter(|(_, changed)| *changed)
            .map(|(resource, _)| ModificationState {
                resource: (*resource).to_owned(),
                state: "UPDATE_IN_PROGRESS".to_owned(),
            })
            .collect();
        if !workspace.modification_states.is_empty() {
            record.modifications_done_at = Some(clock.after(1));
        }
        workspace.workspace_properties = updated;
        Ok(json!({}))
    }
}
