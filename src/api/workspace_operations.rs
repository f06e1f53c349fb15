//! WorkSpace operations beyond the batch state changes: RestoreWorkspace,
//! MigrateWorkspace and ModifyWorkspaceState take one WorkSpace a call (the
//! bulk executor runs them `--concurrency` at a time);
//! DescribeWorkspacesConnectionStatus reads 25 a call.

use aws_sdk_workspaces::types::{TargetWorkspaceState, WorkspaceConnectionStatus};

use super::pages::BATCH_SIZE;
use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// RestoreWorkspace: the root and user volumes from their last snapshots.
pub async fn restore_workspace(client: &Client, id: &str) -> Result<()> {
    client
        .restore_workspace()
        .workspace_id(id)
        .send()
        .await
        .map_err(|e| client.error("RestoreWorkspace", e))?;
    Ok(())
}

/// ModifyWorkspaceState: into or out of admin maintenance.
pub async fn modify_workspace_state(
    client: &Client,
    id: &str,
    state: TargetWorkspaceState,
) -> Result<()> {
    client
        .modify_workspace_state()
        .workspace_id(id)
        .workspace_state(state)
        .send()
        .await
        .map_err(|e| client.error("ModifyWorkspaceState", e))?;
    Ok(())
}

/// MigrateWorkspace: a new WorkSpace from the bundle, keeping the user
/// volume; the source is terminated. Returns the new WorkSpace's ID.
pub async fn migrate_workspace(client: &Client, id: &str, bundle_id: &str) -> Result<String> {
    let output = client
        .migrate_workspace()
        .source_workspace_id(id)
        .bundle_id(bundle_id)
        .send()
        .await
        .map_err(|e| client.error("MigrateWorkspace", e))?;
    Ok(output.target_workspace_id.unwrap_or_default())
}

/// DescribeWorkspacesConnectionStatus of these WorkSpaces (25 a call, every
/// page), or of every WorkSpace when `ids` is empty.
pub async fn connection_statuses(
    client: &Client,
    ids: &[String],
) -> Result<Vec<WorkspaceConnectionStatus>> {
    let chunks: Vec<Option<Vec<String>>> = if ids.is_empty() {
        vec![None]
    } else {
        ids.chunks(BATCH_SIZE).map(|c| Some(c.to_vec())).collect()
    };
    let mut statuses = Vec::new();
    for chunk in chunks {
        let client = client.clone();
        let pages = Pages::following_token(move |next_token| {
            let (client, chunk) = (client.clone(), chunk.clone());
            async move {
                let output = client
                    .describe_workspaces_connection_status()
                    .set_workspace_ids(chunk)
                    .set_next_token(next_token)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeWorkspacesConnectionStatus", e))?;
                Ok((
                    output.workspaces_connection_status.unwrap_or_default(),
                    output.next_token,
                ))
            }
        });
        statuses.extend(pages.all().await?);
    }
    Ok(statuses)
}
