//! DescribeWorkspaceSnapshots: the snapshots one WorkSpace can be restored
//! or rebuilt from (one WorkSpace a call).

use aws_sdk_workspaces::types::Snapshot;

use super::WorkspacesClient as Client;
use crate::error::Result;

/// One WorkSpace's snapshots, with the WorkSpace they belong to (the
/// answer itself does not say).
#[derive(Debug, Clone)]
pub struct WorkspaceSnapshots {
    pub workspace_id: String,
    /// Root and user volume: what RestoreWorkspace goes back to.
    pub restore_snapshots: Vec<Snapshot>,
    /// User volume: what RebuildWorkspaces keeps.
    pub rebuild_snapshots: Vec<Snapshot>,
}

pub async fn workspace_snapshots(
    client: &Client,
    workspace_id: &str,
) -> Result<WorkspaceSnapshots> {
    let output = client
        .describe_workspace_snapshots()
        .workspace_id(workspace_id)
        .send()
        .await
        .map_err(|e| client.error("DescribeWorkspaceSnapshots", e))?;
    Ok(WorkspaceSnapshots {
        workspace_id: workspace_id.to_owned(),
        restore_snapshots: output.restore_snapshots.unwrap_or_default(),
        rebuild_snapshots: output.rebuild_snapshots.unwrap_or_default(),
    })
}
