//! The WorkSpace operations: describe, create, modify and the batch state
//! changes (start, stop, reboot, rebuild, terminate).

use serde_json::{Map, Value, json};

use super::error::WsError;
use super::input::{
    BUNDLE_ID, DIRECTORY_ID, Input, WORKSPACE_ID, check_count, check_enum, check_enums,
    check_length, check_workspace_name, missing, page_size,
};
use super::model::{
    COMPUTE_TYPES, DATA_REPLICATION, DataReplicationSettings, ModificationState,
    OPERATING_SYSTEM_NAMES, PROTOCOLS, RUNNING_MODES, Schedule, ScheduledState, Tag, Workspace,
    WorkspaceProperties, WorkspaceRecord, os_family,
};
use super::paging::{entries_after, take_page, to_json};
use super::tags::parse_tags;
use super::{Clock, WorkspacesState};

/// The most WorkSpaces one batch call takes.
const BATCH_LIMIT: usize = 25;

/// What the caller asked to set in `WorkspaceProperties`.
#[derive(Default)]
struct PropertiesRequest<'a> {
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
    fn parse(properties: &Input<'a>) -> Result<Self, WsError> {
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
    fn apply_to(&self, current: &WorkspaceProperties) -> WorkspaceProperties {
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
fn check_properties(
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

/// One parsed, constraint-checked item of CreateWorkspaces.
struct WorkspaceRequest<'a> {
    directory_id: &'a str,
    user_name: &'a str,
    bundle_id: &'a str,
    workspace_name: Option<&'a str>,
    volume_encryption_key: Option<&'a str>,
    user_volume_encryption: bool,
    root_volume_encryption: bool,
    properties: PropertiesRequest<'a>,
    tags: Vec<Tag>,
    /// The request as sent, echoed in `FailedRequests`.
    echo: Value,
}

/// The members of a WorkspaceRequest, the only ones echoed back.
const WORKSPACE_REQUEST_MEMBERS: &[&str] = &[
    "DirectoryId",
    "UserName",
    "BundleId",
    "VolumeEncryptionKey",
    "UserVolumeEncryptionEnabled",
    "RootVolumeEncryptionEnabled",
    "WorkspaceProperties",
    "Tags",
    "WorkspaceName",
    "Ipv6Address",
];

impl<'a> WorkspaceRequest<'a> {
    fn parse(request: &Input<'a>) -> Result<Self, WsError> {
        let directory_id = request.required_id("DirectoryId", &DIRECTORY_ID)?;
        let user_name = request.required_str("UserName")?;
        check_user_name(&request.path_of("UserName"), user_name)?;
        let bundle_id = request.required_id("BundleId", &BUNDLE_ID)?;
        let workspace_name = request.str("WorkspaceName")?;
        if let Some(name) = workspace_name {
            check_workspace_name(&request.path_of("WorkspaceName"), name)?;
        }
        let properties = match request.object("WorkspaceProperties")? {
            Some(properties) => PropertiesRequest::parse(&properties)?,
            None => PropertiesRequest::default(),
        };
        let echo: Map<String, Value> = request
            .raw()
            .map(|members| {
                members
                    .iter()
                    .filter(|(name, _)| WORKSPACE_REQUEST_MEMBERS.contains(&name.as_str()))
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            directory_id,
            user_name,
            bundle_id,
            workspace_name,
            volume_encryption_key: request.str("VolumeEncryptionKey")?,
            user_volume_encryption: request
                .bool("UserVolumeEncryptionEnabled")?
                .unwrap_or(false),
            root_volume_encryption: request
                .bool("RootVolumeEncryptionEnabled")?
                .unwrap_or(false),
            properties,
            tags: parse_tags(request, "Tags")?.unwrap_or_default(),
            echo: Value::Object(echo),
        })
    }
}

/// UserName: 1 to 63 characters.
fn check_user_name(path: &str, user_name: &str) -> Result<(), WsError> {
    check_length(path, user_name, 1, 63)
}

/// A per-item failure of a batch call: `ErrorCode` and `ErrorMessage`.
struct ItemFailure {
    code: &'static str,
    message: String,
}

impl ItemFailure {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// A whole-call exception turned into a per-item failure, named as
    /// batch results name them (without the `Exception` suffix).
    fn from_error(error: WsError) -> Self {
        Self {
            code: error.code.strip_suffix("Exception").unwrap_or(error.code),
            message: error.message,
        }
    }
}

/// How one batch operation changes a WorkSpace.
pub struct BatchChange {
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

pub const START: BatchChange = BatchChange {
    request_list: "StartWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_start,
    states: ("STARTING", &[Some("AVAILABLE")]),
};
pub const STOP: BatchChange = BatchChange {
    request_list: "StopWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_stop,
    states: ("STOPPING", &[Some("STOPPED")]),
};
pub const REBOOT: BatchChange = BatchChange {
    request_list: "RebootWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_reboot,
    states: ("REBOOTING", &[Some("AVAILABLE")]),
};
/// The API rebuilds one WorkSpace a call.
pub const REBUILD: BatchChange = BatchChange {
    request_list: "RebuildWorkspaceRequests",
    max_requests: 1,
    allowed: can_rebuild,
    states: ("REBUILDING", &[Some("AVAILABLE")]),
};
/// TERMINATED is shown only briefly before the WorkSpace disappears.
pub const TERMINATE: BatchChange = BatchChange {
    request_list: "TerminateWorkspaceRequests",
    max_requests: BATCH_LIMIT,
    allowed: can_terminate,
    states: ("TERMINATING", &[Some("TERMINATED"), None]),
};

impl WorkspacesState {
    pub(super) fn describe_workspaces(&self, input: &Input) -> Result<Value, WsError> {
        let workspace_ids = input.id_list("WorkspaceIds", &WORKSPACE_ID)?;
        let directory_id = input.id("DirectoryId", &DIRECTORY_ID)?;
        let user_name = input.str("UserName")?;
        if let Some(name) = user_name {
            check_user_name(&input.path_of("UserName"), name)?;
        }
        let bundle_id = input.id("BundleId", &BUNDLE_ID)?;
        let workspace_name = input.str("WorkspaceName")?;
        if let Some(name) = workspace_name {
            check_workspace_name(&input.path_of("WorkspaceName"), name)?;
        }
        let limit = page_size(input, "Limit", 25, 25)?;
        let filters = [
            workspace_ids.is_some(),
            directory_id.is_some(),
            bundle_id.is_some(),
            workspace_name.is_some(),
        ];
        if filters.iter().filter(|set| **set).count() > 1 {
            return Err(WsError::invalid_parameter(
                "You can specify only one filter: WorkspaceIds, DirectoryId, BundleId or WorkspaceName.",
            ));
        }
        if user_name.is_some() && directory_id.is_none() {
            return Err(WsError::invalid_parameter(
                "The UserName filter requires the DirectoryId filter.",
            ));
        }
        let wanted = |workspace: &Workspace| {
            workspace_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&workspace.workspace_id.as_str()))
                && directory_id.is_none_or(|id| workspace.directory_id == id)
                && user_name.is_none_or(|name| workspace.user_name.eq_ignore_ascii_case(name))
                && bundle_id.is_none_or(|id| workspace.bundle_id == id)
                && workspace_name
                    .is_none_or(|name| workspace.workspace_name.as_deref() == Some(name))
        };
        let entries = entries_after(&self.workspaces, input.str("NextToken")?)?
            .map(|(id, record)| (id, &record.workspace))
            .filter(|(_, workspace)| wanted(workspace));
        take_page(entries, limit).into_response("Workspaces")
    }

    /// DescribeWorkspacesConnectionStatus: up to 25 named WorkSpaces, or
    /// every one a page at a time. Only a running WorkSpace whose user
    /// connected in the last hour counts as connected.
    pub(super) fn describe_workspaces_connection_status(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_ids = input.id_list("WorkspaceIds", &WORKSPACE_ID)?;
        if let Some(ids) = &workspace_ids {
            check_count(&input.path_of("WorkspaceIds"), ids.len(), 1, BATCH_LIMIT)?;
        }
        let now = clock.now;
        let entries = entries_after(&self.workspaces, input.str("NextToken")?)?
            .filter(|(id, _)| {
                workspace_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&id.as_str()))
            })
            .map(|(id, record)| {
                let connected = record.workspace.state == "AVAILABLE"
                    && record
                        .last_user_connection
                        .is_some_and(|at| now - at < chrono::TimeDelta::hours(1));
                let state = match record.workspace.state.as_str() {
                    _ if connected => "CONNECTED",
                    "AVAILABLE" | "STOPPED" => "DISCONNECTED",
                    _ => "UNKNOWN",
                };
                let mut status = serde_json::json!({
                    "WorkspaceId": id,
                    "ConnectionState": state,
                    "ConnectionStateCheckTimestamp": now.timestamp(),
                });
                if let Some(at) = record.last_user_connection {
                    status["LastKnownUserConnectionTimestamp"] = at.timestamp().into();
                }
                (id, status)
            });
        take_page(entries, BATCH_LIMIT).into_response("WorkspacesConnectionStatus")
    }

    pub(super) fn create_workspaces(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let requests = input
            .objects("Workspaces")?
            .ok_or_else(|| missing(&input.path_of("Workspaces")))?;
        check_count(&input.path_of("Workspaces"), requests.len(), 1, BATCH_LIMIT)?;
        let requests = requests
            .iter()
            .map(WorkspaceRequest::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let mut pending = Vec::new();
        let mut failed = Vec::new();
        for request in requests {
            match self.create_workspace(&request, clock) {
                Ok(workspace) => pending.push(to_json(&workspace)?),
                Err(failure) => failed.push(json!({
                    "WorkspaceRequest": request.echo,
                    "ErrorCode": failure.code,
                    "ErrorMessage": failure.message,
                })),
            }
        }
        Ok(json!({"FailedRequests": failed, "PendingRequests": pending}))
    }

    fn create_workspace(
        &mut self,
        request: &WorkspaceRequest,
        clock: &Clock,
    ) -> Result<Workspace, ItemFailure> {
        let directory = self
            .directories
            .get(request.directory_id)
            .filter(|directory| directory.state == "REGISTERED")
            .ok_or_else(|| {
                ItemFailure::new(
                    "ResourceNotFound.Directory",
                    format!(
                        "The directory {} could not be found or is not registered.",
                        request.directory_id
                    ),
                )
            })?;
        let bundle = self
            .bundles
            .get(request.bundle_id)
            .filter(|bundle| bundle.bundle.state == "AVAILABLE")
            .ok_or_else(|| {
                ItemFailure::new(
                    "ResourceNotFound.Bundle",
                    format!(
                        "The bundle {} could not be found or is not available.",
                        request.bundle_id
                    ),
                )
            })?;
        let user_taken = self.workspaces.values().any(|record| {
            let workspace = &record.workspace;
            workspace.directory_id == request.directory_id
                && workspace.user_name.eq_ignore_ascii_case(request.user_name)
                && workspace.state != "TERMINATED"
        });
        if user_taken {
            return Err(ItemFailure::new(
                "ResourceExists.WorkSpace",
                format!(
                    "The user {} already has a WorkSpace in directory {}.",
                    request.user_name, request.directory_id
                ),
            ));
        }
        if (request.user_volume_encryption || request.root_volume_encryption)
            && request.volume_encryption_key.is_none()
        {
            return Err(ItemFailure::new(
                "InvalidParameterValues",
                "Encrypted volumes need a VolumeEncryptionKey.",
            ));
        }
        let properties = request
            .properties
            .apply_to(&bundle.workspace_properties("AUTO_STOP", 60));
        if os_family(&properties.operating_system_name) != os_family(&bundle.operating_system_name)
        {
            return Err(ItemFailure::new(
                "OperatingSystemNotCompatible",
                format!(
                    "The bundle {} runs {}, which is not compatible with {}.",
                    request.bundle_id,
                    bundle.operating_system_name,
                    properties.operating_system_name
                ),
            ));
        }
        check_properties(&properties, None).map_err(ItemFailure::from_error)?;

        let windows = os_family(&properties.operating_system_name) == "WINDOWS";
        let subnet_id = directory.subnet_ids.first().cloned();
        let workspace_id = self
            .id_source
            .fresh_id("ws-", 9, |id| self.workspaces.contains_key(id));
        let computer_name = self.id_source.computer_name(windows);
        let host = self.id_source.below(250) + 4;
        let workspace = Workspace {
            workspace_id: workspace_id.clone(),
            directory_id: request.directory_id.to_owned(),
            user_name: request.user_name.to_owned(),
            ip_address: Some(format!("10.9.{}.{host}", self.id_source.below(256))),
            state: "PENDING".to_owned(),
            bundle_id: request.bundle_id.to_owned(),
            subnet_id,
            error_message: None,
            error_code: None,
            computer_name: Some(computer_name),
            volume_encryption_key: request.volume_encryption_key.map(str::to_owned),
            user_volume_encryption_enabled: request.user_volume_encryption,
            root_volume_encryption_enabled: request.root_volume_encryption,
            workspace_name: request.workspace_name.map(str::to_owned),
            workspace_properties: properties,
            modification_states: Vec::new(),
            related_workspaces: None,
            data_replication_settings: None,
            standby_workspaces_properties: None,
        };
        if !request.tags.is_empty() {
            self.tags.insert(workspace_id.clone(), request.tags.clone());
        }
        self.workspaces.insert(
            workspace_id,
            WorkspaceRecord {
                workspace: workspace.clone(),
                schedule: Schedule::new(vec![ScheduledState {
                    at: clock.after(1),
                    state: Some("AVAILABLE".to_owned()),
                }]),
                modifications_done_at: None,
                last_user_connection: None,
            },
        );
        Ok(workspace)
    }

    pub(super) fn modify_workspace_properties(
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

    pub(super) fn change_workspaces(
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
