//! CreateStandbyWorkspaces: a standby WorkSpace, in the Region the call is
//! made in, for each primary WorkSpace of `PrimaryRegion`. Each request is
//! checked on its own: the ones that cannot be met come back in
//! `FailedStandbyRequests` with the reason, the others are created PENDING
//! (then STOPPED, as a standby rests until a failover) and listed in
//! `PendingStandbyRequests`.

use serde_json::{Value, json};

use super::super::STANDBY_REGION;
use super::super::error::WsError;
use super::super::image_path::check_region;
use super::super::input::{DIRECTORY_ID, Input, WORKSPACE_ID, check_count, check_enum, missing};
use super::super::model::{
    DataReplicationSettings, RelatedWorkspace, Schedule, ScheduledState,
    StandbyWorkspaceProperties, Tag, WorkspaceRecord,
};
use super::super::tags::parse_tags;
use super::super::{Clock, WorkspacesState};
use super::{ItemFailure, echo};

/// The DataReplication enum.
const DATA_REPLICATION: &[&str] = &["NO_REPLICATION", "PRIMARY_AS_SOURCE"];

/// The states a primary WorkSpace takes a standby in.
const PRIMARY_STATES: &[&str] = &["AVAILABLE", "STOPPED"];

/// A resource holds at most this many tags.
const MAX_TAGS: usize = 50;

/// One parsed, constraint-checked StandbyWorkspace.
struct StandbyRequest<'a> {
    primary_workspace_id: &'a str,
    directory_id: &'a str,
    volume_encryption_key: Option<&'a str>,
    data_replication: Option<&'a str>,
    tags: Vec<Tag>,
    /// The request as sent, echoed in `FailedStandbyRequests`.
    echo: Value,
}

/// The members of a StandbyWorkspace, the only ones echoed back.
const STANDBY_MEMBERS: &[&str] = &[
    "PrimaryWorkspaceId",
    "VolumeEncryptionKey",
    "DirectoryId",
    "Tags",
    "DataReplication",
];

impl<'a> StandbyRequest<'a> {
    fn parse(request: &Input<'a>) -> Result<Self, WsError> {
        let primary_workspace_id = request.required_id("PrimaryWorkspaceId", &WORKSPACE_ID)?;
        let directory_id = request.required_id("DirectoryId", &DIRECTORY_ID)?;
        let data_replication = request.str("DataReplication")?;
        if let Some(value) = data_replication {
            check_enum(&request.path_of("DataReplication"), value, DATA_REPLICATION)?;
        }
        Ok(Self {
            primary_workspace_id,
            directory_id,
            volume_encryption_key: request.str("VolumeEncryptionKey")?,
            data_replication,
            tags: parse_tags(request, "Tags")?.unwrap_or_default(),
            echo: echo(request, STANDBY_MEMBERS),
        })
    }
}

impl WorkspacesState {
    pub(in super::super) fn create_standby_workspaces(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let primary_region = input.required_str("PrimaryRegion")?;
        check_region(&input.path_of("PrimaryRegion"), primary_region)?;
        let path = input.path_of("StandbyWorkspaces");
        let requests = input
            .objects("StandbyWorkspaces")?
            .ok_or_else(|| missing(&path))?;
        let requests = requests
            .iter()
            .map(StandbyRequest::parse)
            .collect::<Result<Vec<_>, _>>()?;
        for request in &requests {
            check_count(
                &format!("{path}.member.Tags"),
                request.tags.len(),
                0,
                MAX_TAGS,
            )?;
        }
        if requests.is_empty() {
            return Err(WsError::invalid_parameter(
                "StandbyWorkspaces must name at least one standby WorkSpace.",
            ));
        }
        let standby_region = clock.region.as_deref().unwrap_or(STANDBY_REGION);
        if standby_region == primary_region {
            return Err(WsError::invalid_parameter(format!(
                "A standby WorkSpace must be in another Region than its primary ({primary_region})."
            )));
        }
        let mut pending = Vec::new();
        let mut failed = Vec::new();
        for request in requests {
            match self.create_standby(&request, primary_region, standby_region, clock) {
                Ok(created) => pending.push(created),
                Err(failure) => failed.push(json!({
                    "StandbyWorkspaceRequest": request.echo,
                    "ErrorCode": failure.code,
                    "ErrorMessage": failure.message,
                })),
            }
        }
        Ok(json!({"FailedStandbyRequests": failed, "PendingStandbyRequests": pending}))
    }

    fn create_standby(
        &mut self,
        request: &StandbyRequest,
        primary_region: &str,
        standby_region: &str,
        clock: &Clock,
    ) -> Result<Value, ItemFailure> {
        let primary_id = request.primary_workspace_id;
        let primary = self.workspaces.get(primary_id).ok_or_else(|| {
            ItemFailure::new(
                "ResourceNotFound.Workspace",
                format!("The WorkSpace {primary_id} could not be found."),
            )
        })?;
        let workspace = &primary.workspace;
        let is_standby = workspace
            .related_workspaces
            .iter()
            .flatten()
            .any(|related| related.relationship == "PRIMARY");
        if is_standby {
            return Err(ItemFailure::new(
                "OperationNotSupported",
                format!("The WorkSpace {primary_id} is itself a standby WorkSpace."),
            ));
        }
        if workspace.standby_workspaces_properties.is_some() {
            return Err(ItemFailure::new(
                "ResourceAlreadyExists",
                format!("The WorkSpace {primary_id} already has a standby WorkSpace."),
            ));
        }
        if !PRIMARY_STATES.contains(&workspace.state.as_str()) {
            return Err(ItemFailure::new(
                "InvalidResourceState",
                format!(
                    "The WorkSpace {primary_id} cannot get a standby while it is {}.",
                    workspace.state
                ),
            ));
        }
        let encrypted =
            workspace.user_volume_encryption_enabled || workspace.root_volume_encryption_enabled;
        if encrypted && request.volume_encryption_key.is_none() {
            return Err(ItemFailure::new(
                "InvalidParameterValues",
                format!(
                    "The WorkSpace {primary_id} has encrypted volumes: its standby needs a \
                     VolumeEncryptionKey."
                ),
            ));
        }
        let registered = self
            .directories
            .get(request.directory_id)
            .is_some_and(|directory| directory.state == "REGISTERED");
        if !registered {
            return Err(ItemFailure::new(
                "ResourceNotFound.Directory",
                format!(
                    "The directory {} could not be found or is not registered.",
                    request.directory_id
                ),
            ));
        }

        let data_replication = request.data_replication.unwrap_or("NO_REPLICATION");
        let mut standby = workspace.clone();
        let standby_id = self
            .id_source
            .fresh_id("ws-", 9, |id| self.workspaces.contains_key(id));
        standby.workspace_id = standby_id.clone();
        standby.directory_id = request.directory_id.to_owned();
        standby.state = "PENDING".to_owned();
        standby.ip_address = None;
        standby.subnet_id = None;
        standby.computer_name = None;
        standby.error_code = None;
        standby.error_message = None;
        standby.volume_encryption_key = request.volume_encryption_key.map(str::to_owned);
        standby.modification_states = Vec::new();
        standby.standby_workspaces_properties = None;
        standby.related_workspaces = Some(vec![RelatedWorkspace {
            workspace_id: primary_id.to_owned(),
            region: primary_region.to_owned(),
            state: workspace.state.clone(),
            relationship: "PRIMARY".to_owned(),
        }]);
        standby.data_replication_settings = Some(DataReplicationSettings {
            data_replication: data_replication.to_owned(),
            recovery_snapshot_time: clock.now,
        });
        let answer = json!({
            "UserName": standby.user_name,
            "DirectoryId": standby.directory_id,
            "State": standby.state,
            "WorkspaceId": standby_id,
        });

        if let Some(primary) = self.workspaces.get_mut(primary_id) {
            let workspace = &mut primary.workspace;
            workspace
                .related_workspaces
                .get_or_insert_with(Vec::new)
                .push(RelatedWorkspace {
                    workspace_id: standby_id.clone(),
                    region: standby_region.to_owned(),
                    state: "PENDING".to_owned(),
                    relationship: "STANDBY".to_owned(),
                });
            workspace.standby_workspaces_properties = Some(vec![StandbyWorkspaceProperties {
                standby_workspace_id: standby_id.clone(),
                data_replication: data_replication.to_owned(),
                recovery_snapshot_time: clock.now,
            }]);
            workspace.data_replication_settings = Some(DataReplicationSettings {
                data_replication: data_replication.to_owned(),
                recovery_snapshot_time: clock.now,
            });
        }
        if !request.tags.is_empty() {
            self.tags.insert(standby_id.clone(), request.tags.clone());
        }
        self.workspaces.insert(
            standby_id,
            WorkspaceRecord {
                workspace: standby,
                schedule: Schedule::new(vec![ScheduledState {
                    at: clock.after(1),
                    state: Some("STOPPED".to_owned()),
                }]),
                modifications_done_at: None,
                last_user_connection: None,
                snapshots: Vec::new(),
            },
        );
        Ok(answer)
    }
}
