//! WorkSpaces Pools calls: pools and their user sessions. Neither
//! DescribeWorkspacesPools nor DescribeWorkspacesPoolSessions has an SDK
//! paginator, so both follow `NextToken` themselves.

use aws_sdk_workspaces::types::{
    ApplicationSettingsRequest, ApplicationSettingsStatusEnum, Capacity, PoolsRunningMode, Tag,
    TimeoutSettings, WorkspacesPool, WorkspacesPoolSession,
};

use super::workspaces::service_error;
use super::{Pages, WorkspacesClient as Client, build_error};
use crate::error::Result;

/// DescribeWorkspacesPools, every page, 25 IDs a call when IDs are given.
pub fn pools(client: &Client, ids: &[String]) -> Pages<WorkspacesPool> {
    let client = client.clone();
    Pages::per_id_group(ids, move |ids| {
        let client = client.clone();
        Pages::following_token(move |next_token| {
            let client = client.clone();
            let ids = ids.clone();
            async move {
                let output = client
                    .describe_workspaces_pools()
                    .set_pool_ids(ids)
                    .set_next_token(next_token)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeWorkspacesPools", e))?;
                Ok((
                    output.workspaces_pools.unwrap_or_default(),
                    output.next_token,
                ))
            }
        })
    })
}

pub async fn describe_pools(client: &Client, ids: &[String]) -> Result<Vec<WorkspacesPool>> {
    pools(client, ids).all().await
}

pub async fn get_pool(client: &Client, id: &str) -> Result<WorkspacesPool> {
    describe_pools(client, &[id.to_owned()])
        .await?
        .into_iter()
        .find(|p| p.pool_id() == id)
        .ok_or_else(|| {
            service_error(
                "DescribeWorkspacesPools",
                "ResourceNotFoundException",
                &format!("no pool {id}"),
            )
        })
}

/// What CreateWorkspacesPool and UpdateWorkspacesPool both set; `None`
/// leaves a setting as it is (or the service's default on create).
#[derive(Debug, Clone, Default)]
pub struct PoolSettings {
    pub description: Option<String>,
    pub bundle_id: Option<String>,
    pub directory_id: Option<String>,
    pub desired_user_sessions: Option<i32>,
    /// ENABLED or DISABLED, and the settings group persisted ones live in.
    pub application_settings: Option<(ApplicationSettingsStatusEnum, Option<String>)>,
    pub timeouts: Option<TimeoutSettings>,
    pub running_mode: Option<PoolsRunningMode>,
}

impl PoolSettings {
    fn capacity(&self) -> Result<Option<Capacity>> {
        self.desired_user_sessions
            .map(|desired| {
                Capacity::builder()
                    .desired_user_sessions(desired)
                    .build()
                    .map_err(build_error)
            })
            .transpose()
    }

    fn application(&self) -> Result<Option<ApplicationSettingsRequest>> {
        self.application_settings
            .clone()
            .map(|(status, group)| {
                ApplicationSettingsRequest::builder()
                    .status(status)
                    .set_settings_group(group)
                    .build()
                    .map_err(build_error)
            })
            .transpose()
    }
}

pub async fn create_pool(
    client: &Client,
    name: &str,
    settings: &PoolSettings,
    tags: Vec<Tag>,
) -> Result<WorkspacesPool> {
    let output = client
        .create_workspaces_pool()
        .pool_name(name)
        .set_description(settings.description.clone())
        .set_bundle_id(settings.bundle_id.clone())
        .set_directory_id(settings.directory_id.clone())
        .set_capacity(settings.capacity()?)
        .set_application_settings(settings.application()?)
        .set_timeout_settings(settings.timeouts.clone())
        .set_running_mode(settings.running_mode.clone())
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| client.error("CreateWorkspacesPool", e))?;
    output
        .workspaces_pool
        .ok_or_else(|| anyhow::anyhow!("CreateWorkspacesPool answered without the pool").into())
}

pub async fn update_pool(
    client: &Client,
    id: &str,
    settings: &PoolSettings,
) -> Result<WorkspacesPool> {
    let output = client
        .update_workspaces_pool()
        .pool_id(id)
        .set_description(settings.description.clone())
        .set_bundle_id(settings.bundle_id.clone())
        .set_directory_id(settings.directory_id.clone())
        .set_capacity(settings.capacity()?)
        .set_application_settings(settings.application()?)
        .set_timeout_settings(settings.timeouts.clone())
        .set_running_mode(settings.running_mode.clone())
        .send()
        .await
        .map_err(|e| client.error("UpdateWorkspacesPool", e))?;
    output
        .workspaces_pool
        .ok_or_else(|| anyhow::anyhow!("UpdateWorkspacesPool answered without the pool").into())
}

/// The three pool operations that take only a pool ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolChange {
    Start,
    Stop,
    Terminate,
}

pub async fn change_pool(client: &Client, change: PoolChange, id: &str) -> Result<()> {
    match change {
        PoolChange::Start => client
            .start_workspaces_pool()
            .pool_id(id)
            .send()
            .await
            .map(drop)
            .map_err(|e| client.error("StartWorkspacesPool", e)),
        PoolChange::Stop => client
            .stop_workspaces_pool()
            .pool_id(id)
            .send()
            .await
            .map(drop)
            .map_err(|e| client.error("StopWorkspacesPool", e)),
        PoolChange::Terminate => client
            .terminate_workspaces_pool()
            .pool_id(id)
            .send()
            .await
            .map(drop)
            .map_err(|e| client.error("TerminateWorkspacesPool", e)),
    }
}

/// DescribeWorkspacesPoolSessions, every page.
pub fn pool_sessions(
    client: &Client,
    pool_id: &str,
    user_id: Option<String>,
) -> Pages<WorkspacesPoolSession> {
    let client = client.clone();
    let pool_id = pool_id.to_owned();
    Pages::following_token(move |next_token| {
        let client = client.clone();
        let pool_id = pool_id.clone();
        let user_id = user_id.clone();
        async move {
            let output = client
                .describe_workspaces_pool_sessions()
                .pool_id(pool_id)
                .set_user_id(user_id)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("DescribeWorkspacesPoolSessions", e))?;
            Ok((output.sessions.unwrap_or_default(), output.next_token))
        }
    })
}

pub async fn end_pool_session(client: &Client, session_id: &str) -> Result<()> {
    client
        .terminate_workspaces_pool_session()
        .session_id(session_id)
        .send()
        .await
        .map(drop)
        .map_err(|e| client.error("TerminateWorkspacesPoolSession", e))
}
