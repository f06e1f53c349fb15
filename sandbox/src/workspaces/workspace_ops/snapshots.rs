//! DescribeWorkspaceSnapshots: the snapshots a WorkSpace can be restored
//! (root and user volume) or rebuilt (user volume) from. A snapshot is taken
//! when a WorkSpace becomes AVAILABLE after being created, rebuilt, restored
//! or migrated, at the moment that transition ends; the seeded fleet has the
//! 12-hourly ones of the last day.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};

use super::super::error::WsError;
use super::super::input::{Input, WORKSPACE_ID};
use super::super::model::{SnapshotTime, WorkspaceRecord, epoch_value};
use super::super::{Clock, WorkspacesState};

/// How many snapshots a WorkSpace keeps; older ones are dropped.
const KEPT: usize = 5;

/// The service snapshots every WorkSpace this often.
const EVERY: TimeDelta = TimeDelta::hours(12);

/// A seeded WorkSpace's snapshots: the last three 12-hourly ones, oldest first.
pub(crate) fn seeded_snapshots(now: DateTime<Utc>) -> Vec<SnapshotTime> {
    (0..3)
        .rev()
        .filter_map(|k| now.checked_sub_signed(TimeDelta::hours(2) + EVERY * k))
        .map(SnapshotTime)
        .collect()
}

impl WorkspaceRecord {
    /// Notes the snapshot taken when the transition ending `at` completes.
    pub(crate) fn snapshot_at(&mut self, at: DateTime<Utc>) {
        self.snapshots.push(SnapshotTime(at));
        let excess = self.snapshots.len().saturating_sub(KEPT);
        self.snapshots.drain(..excess);
    }
}

impl WorkspacesState {
    /// Every snapshot taken so far can rebuild the WorkSpace; the newest
    /// restores it. Newest first, as the service lists them.
    pub(in super::super) fn describe_workspace_snapshots(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let record = self.workspaces.get(workspace_id).ok_or_else(|| {
            WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
        })?;
        let taken: Vec<Value> = record
            .snapshots
            .iter()
            .rev()
            .filter(|snapshot| snapshot.0 <= clock.now)
            .map(|snapshot| json!({"SnapshotTime": epoch_value(snapshot.0)}))
            .collect();
        let restore: Vec<Value> = taken.first().cloned().into_iter().collect();
        Ok(json!({"RebuildSnapshots": taken, "RestoreSnapshots": restore}))
    }
}
