//! Directories registered with WorkSpaces: DescribeWorkspaceDirectories by ID.

use aws_sdk_workspaces::types::{SelfservicePermissions, WorkspaceDirectory};

use super::workspaces::service_error;
use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// DescribeWorkspaceDirectories, one page at a time: every directory, or those of `ids`.
pub fn directories_by_id(client: &Client, ids: &[String]) -> Pages<WorkspaceDirectory> {
    let client = client.clone();
    Pages::per_id_group(ids, move |ids| {
        let pages = client
            .describe_workspace_directories()
            .set_directory_ids(ids)
            .into_paginator()
            .send();
        Pages::of_paginator(&client, "DescribeWorkspaceDirectories", pages, |page| {
            page.directories.unwrap_or_default()
        })
    })
}

pub async fn get_directory(client: &Client, id: &str) -> Result<WorkspaceDirectory> {
    directories_by_id(client, &[id.to_owned()])
        .all()
        .await?
        .into_iter()
        .find(|d| d.directory_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeWorkspaceDirectories",
                "ResourceNotFoundException",
                &format!("no directory {id}"),
            )
        })
}

pub async fn describe_directories(
    client: &Client,
    ids: &[String],
) -> Result<Vec<WorkspaceDirectory>> {
    directories_by_id(client, ids).all().await
}

pub async fn modify_selfservice_permissions(
    client: &Client,
    id: &str,
    permissions: SelfservicePermissions,
) -> Result<()> {
    client
        .modify_selfservice_permissions()
        .resource_id(id)
        .selfservice_permissions(permissions)
        .send()
        .await
        .map_err(|e| client.error("ModifySelfservicePermissions", e))?;
    Ok(())
}

pub async fn deregister_directory(client: &Client, id: &str) -> Result<()> {
    client
        .deregister_workspace_directory()
        .directory_id(id)
        .send()
        .await
        .map_err(|e| client.error("DeregisterWorkspaceDirectory", e))?;
    Ok(())
}
