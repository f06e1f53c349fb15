//! The connection status of WorkSpaces: whether their users are connected.

use serde_json::Value;

use super::error::WsError;
use super::input::{Input, WORKSPACE_ID, check_count};
use super::paging::Listing;
use super::workspace_ops::BATCH_LIMIT;
use super::{Clock, WorkspacesState};

impl WorkspacesState {
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
        let listing = Listing::start("WorkspacesConnectionStatus", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.workspaces)
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
        listing.page(entries, BATCH_LIMIT)
    }
}
