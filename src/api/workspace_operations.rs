//! The WorkSpace operations that take one WorkSpace a call: RestoreWorkspace
//! and ModifyWorkspaceState. Each answers with the WorkSpace's own result,
//! so the bulk executor runs them `--concurrency` at a time.

use aws_sdk_workspaces::types::TargetWorkspaceState;

use super::WorkspacesClient as Client;
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
