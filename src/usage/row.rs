//! One WorkSpace's usage in a period and its recommendation: the rows of
//! `workspaces usage` and the plan of `workspaces optimize`, declared once.

use aws_sdk_workspaces::types::{RunningMode, Workspace, WorkspaceState};
use aws_smithy_types::DateTime;
use serde_json::Value;

use super::advice::{Action, Advice};
use super::hours::Usage;
use super::period::{Period, rfc3339};
use crate::output::{Column, Resource, columns_get as get};

#[derive(Debug, Clone)]
pub struct UsageRow {
    pub workspace: Workspace,
    pub period: Period,
    pub usage: Usage,
    pub threshold: Option<u32>,
    pub advice: Advice,
    /// DescribeWorkspacesConnectionStatus, asked for `--unused-for` only.
    pub last_connection: Option<DateTime>,
}

impl UsageRow {
    pub fn id(&self) -> Option<&str> {
        self.workspace.workspace_id()
    }

    pub fn running_mode(&self) -> Option<&RunningMode> {
        self.workspace
            .workspace_properties()
            .and_then(|p| p.running_mode())
    }

    pub fn action(&self) -> Action {
        self.advice.action
    }

    /// Whether its properties can be modified now: WorkSpaces accepts
    /// ModifyWorkspaceProperties only from AVAILABLE or STOPPED.
    pub fn modifiable(&self) -> bool {
        matches!(
            self.workspace.state(),
            Some(WorkspaceState::Available | WorkspaceState::Stopped)
        )
    }
}

impl Resource for UsageRow {
    const KIND: &'static str = "WorkSpace";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<UsageRow>] = &[
    Column::new("WorkspaceId", |r: &UsageRow| get::text(r.id())).shown("ID"),
    Column::new("UserName", |r: &UsageRow| {
        get::text(r.workspace.user_name())
    })
    .shown("USER"),
    Column::new("State", |r: &UsageRow| {
        get::enumeration(r.workspace.state())
    }),
    Column::new("DirectoryId", |r: &UsageRow| {
        get::text(r.workspace.directory_id())
    }),
    Column::new("ComputeTypeName", |r: &UsageRow| {
        get::enumeration(
            r.workspace
                .workspace_properties()
                .and_then(|p| p.compute_type_name()),
        )
    })
    .shown("COMPUTE"),
    Column::new("RunningMode", |r: &UsageRow| {
        get::enumeration(r.running_mode())
    })
    .shown("MODE"),
    Column::new("RunningModeAutoStopTimeoutInMinutes", |r: &UsageRow| {
        get::int(
            r.workspace
                .workspace_properties()
                .and_then(|p| p.running_mode_auto_stop_timeout_in_minutes()),
        )
    }),
    Column::new("BillableHours", |r: &UsageRow| {
        Some(Value::from(r.usage.billable_hours))
    })
    .shown("HOURS"),
    Column::new("Sessions", |r: &UsageRow| {
        Some(Value::from(r.usage.sessions))
    }),
    Column::new("ConnectedMinutes", |r: &UsageRow| {
        Some(Value::from(r.usage.connected_periods * 5))
    }),
    Column::new("Threshold", |r: &UsageRow| r.threshold.map(Value::from)).shown("THRESHOLD"),
    Column::new("RecommendedRunningMode", |r: &UsageRow| {
        get::enumeration(r.advice.recommended.as_ref())
    })
    .shown("RECOMMENDED"),
    Column::new("Action", |r: &UsageRow| {
        Some(Value::from(r.advice.action.as_str()))
    })
    .shown("ACTION"),
    Column::new("Reason", |r: &UsageRow| {
        Some(Value::from(r.advice.reason.as_str()))
    })
    .shown("REASON"),
    Column::new("LastKnownUserConnectionTimestamp", |r: &UsageRow| {
        get::time(r.last_connection.as_ref())
    }),
    Column::new("PeriodStart", |r: &UsageRow| {
        Some(Value::from(rfc3339(r.period.window.start)))
    }),
    Column::new("PeriodEnd", |r: &UsageRow| {
        Some(Value::from(rfc3339(r.period.window.end)))
    }),
    Column::new("WholeMonth", |r: &UsageRow| {
        Some(Value::from(r.period.whole_month))
    }),
];
