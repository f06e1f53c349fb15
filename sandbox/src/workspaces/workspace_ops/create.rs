//! CreateWorkspaces: each request checked and created on its own, the
//! failures reported beside the WorkSpaces created.

use serde_json::{Value, json};

use super::super::error::WsError;
use super::super::input::{
    BUNDLE_ID, DIRECTORY_ID, Input, check_count, check_workspace_name, missing,
};
use super::super::model::{
    Schedule, ScheduledState, SnapshotTime, Tag, Workspace, WorkspaceRecord, os_family,
};
use super::super::paging::to_json;
use super::super::tags::parse_tags;
use super::super::{Clock, WorkspacesState};
use super::properties::{PropertiesRequest, check_properties};
use super::{BATCH_LIMIT, ItemFailure, check_user_name, echo};

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
            echo: echo(request, WORKSPACE_REQUEST_MEMBERS),
        })
    }
}

impl WorkspacesState {
    pub(crate) fn create_workspaces(
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
        let available_at = clock.after(1);
        self.workspaces.insert(
            workspace_id,
            WorkspaceRecord {
                workspace: workspace.clone(),
                schedule: Schedule::new(vec![ScheduledState {
                    at: available_at,
                    state: Some("AVAILABLE".to_owned()),
                }]),
                modifications_done_at: None,
                last_user_connection: None,
                snapshots: vec![SnapshotTime(available_at)],
            },
        );
        Ok(workspace)
    }
}
