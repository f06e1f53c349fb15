//! A WorkSpace's connection status (DescribeWorkspacesConnectionStatus).

use aws_sdk_workspaces::types::WorkspaceConnectionStatus;

use crate::output::{Column, Resource, columns_get as get};

impl Resource for WorkspaceConnectionStatus {
    const KIND: &'static str = "connection status";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<WorkspaceConnectionStatus>] = &[
    Column::new("WorkspaceId", |c: &WorkspaceConnectionStatus| {
        get::text(c.workspace_id())
    })
    .shown("ID"),
    Column::new("ConnectionState", |c: &WorkspaceConnectionStatus| {
        get::enumeration(c.connection_state())
    })
    .shown("STATE"),
    Column::new(
        "ConnectionStateCheckTimestamp",
        |c: &WorkspaceConnectionStatus| get::time(c.connection_state_check_timestamp()),
    )
    .shown("CHECKED"),
    Column::new(
        "LastKnownUserConnectionTimestamp",
        |c: &WorkspaceConnectionStatus| get::time(c.last_known_user_connection_timestamp()),
    )
    .shown("LAST CONNECTED"),
];
