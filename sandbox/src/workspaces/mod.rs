//! WorkSpaces (awsJson1.1) state and operations.
//!
//! The state holds directories, bundles, images, applications, WorkSpaces,
//! application associations and tags. Operations that start a transition
//! (a WorkSpace starting, an image being built, an application installing)
//! write down when it ends; every call first applies the transitions that
//! are due, so time only needs to be passed in, never run in the background.

mod applications;
mod error;
mod images;
mod input;
mod model;
mod paging;
mod seed;
mod tags;
mod workspace_ops;

#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use error::WsError;
use input::Input;
use model::{
    Advanced, Application, Association, BundleRecord, Directory, ImageRecord, Tags,
    WorkspaceRecord, advance_schedule,
};
use seed::SplitMix;

/// The account that owns the sandbox's resources.
pub const ACCOUNT_ID: &str = "123456789012";

/// The region standby WorkSpaces of the seeded fleet live in.
pub const STANDBY_REGION: &str = "us-west-2";

/// Every `WorkspacesService.<Op>` the sandbox answers; anything else is an
/// `UnknownOperationException`.
pub const SUPPORTED_OPERATIONS: &[&str] = &[
    "DescribeWorkspaces",
    "DescribeWorkspacesConnectionStatus",
    "CreateWorkspaces",
    "ModifyWorkspaceProperties",
    "StartWorkspaces",
    "StopWorkspaces",
    "RebootWorkspaces",
    "RebuildWorkspaces",
    "TerminateWorkspaces",
    "DescribeApplications",
    "DescribeApplicationAssociations",
    "DescribeBundleAssociations",
    "DescribeImageAssociations",
    "DescribeWorkspaceAssociations",
    "AssociateWorkspaceApplication",
    "DisassociateWorkspaceApplication",
    "DeployWorkspaceApplications",
    "DescribeWorkspaceImages",
    "CreateUpdatedWorkspaceImage",
    "DeleteWorkspaceImage",
    "DescribeWorkspaceBundles",
    "DescribeWorkspaceDirectories",
    "CreateTags",
    "DescribeTags",
    "DeleteTags",
];

/// The operation names the sandbox supports (see [`SUPPORTED_OPERATIONS`]).
pub fn supported_operations() -> &'static [&'static str] {
    SUPPORTED_OPERATIONS
}

/// Everything the WorkSpaces side of the sandbox holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WorkspacesState {
    #[serde(default)]
    directories: BTreeMap<String, Directory>,
    #[serde(default)]
    bundles: BTreeMap<String, BundleRecord>,
    #[serde(default)]
    images: BTreeMap<String, ImageRecord>,
    #[serde(default)]
    applications: BTreeMap<String, Application>,
    #[serde(default)]
    workspaces: BTreeMap<String, WorkspaceRecord>,
    /// Keyed by [`Association::key`].
    #[serde(default)]
    associations: BTreeMap<String, Association>,
    /// Keyed by resource id.
    #[serde(default)]
    tags: Tags,
    /// Where the identifiers of new resources come from, so that a replayed
    /// session creates the same identifiers.
    #[serde(default)]
    id_source: SplitMix,
    /// When the earliest scheduled transition is due (`None`: none is), so
    /// that a call with nothing due skips looking at every resource.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "model::optional_epoch_seconds"
    )]
    next_transition_due: Option<DateTime<Utc>>,
}

/// The time of a call and how long the transitions it starts take. Every
/// transition is scheduled through [`Clock::after`], which remembers the
/// earliest one so the state knows when it next has work to do.
#[derive(Debug)]
pub(crate) struct Clock {
    pub now: DateTime<Utc>,
    pub transition: TimeDelta,
    earliest_scheduled: Cell<Option<DateTime<Utc>>>,
}

impl Clock {
    pub fn new(now: DateTime<Utc>, transition: Duration) -> Self {
        Self {
            now,
            transition: TimeDelta::from_std(transition).unwrap_or(TimeDelta::MAX),
            earliest_scheduled: Cell::new(None),
        }
    }

    /// When the `steps`-th consecutive transition started now ends.
    pub fn after(&self, steps: i32) -> DateTime<Utc> {
        let at = (1..=steps).fold(self.now, |time, _| {
            time.checked_add_signed(self.transition)
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        });
        self.earliest_scheduled
            .set(earliest(self.earliest_scheduled.get(), Some(at)));
        at
    }
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl WorkspacesState {
    /// A deterministic fleet of `workspaces` WorkSpaces with their directories,
    /// bundles, applications and images.
    pub fn seed(workspaces: usize, seed: u64, now: DateTime<Utc>) -> Self {
        seed::seed_state(workspaces, seed, now)
    }

    /// Runs one operation. `op` is the part of `X-Amz-Target` after
    /// `WorkspacesService.`; `transition` is how long a transitional state lasts.
    pub fn handle(
        &mut self,
        op: &str,
        input: &Value,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Value, WsError> {
        if !SUPPORTED_OPERATIONS.contains(&op) {
            return Err(WsError::unknown_operation(op));
        }
        self.advance(now);
        let input = Input::root(input)?;
        let clock = Clock::new(now, transition);
        let answer = self.dispatch(op, &input, &clock);
        self.next_transition_due =
            earliest(self.next_transition_due, clock.earliest_scheduled.get());
        answer
    }

    fn dispatch(&mut self, op: &str, input: &Input, clock: &Clock) -> Result<Value, WsError> {
        match op {
            "DescribeWorkspaces" => self.describe_workspaces(input),
            "DescribeWorkspacesConnectionStatus" => {
                self.describe_workspaces_connection_status(input, clock)
            }
            "CreateWorkspaces" => self.create_workspaces(input, clock),
            "ModifyWorkspaceProperties" => self.modify_workspace_properties(input, clock),
            "StartWorkspaces" => self.change_workspaces(input, clock, workspace_ops::START),
            "StopWorkspaces" => self.change_workspaces(input, clock, workspace_ops::STOP),
            "RebootWorkspaces" => self.change_workspaces(input, clock, workspace_ops::REBOOT),
            "RebuildWorkspaces" => self.change_workspaces(input, clock, workspace_ops::REBUILD),
            "TerminateWorkspaces" => self.change_workspaces(input, clock, workspace_ops::TERMINATE),
            "DescribeApplications" => self.describe_applications(input),
            "DescribeApplicationAssociations" => self.describe_application_associations(input),
            "DescribeBundleAssociations" => self.describe_bundle_associations(input),
            "DescribeImageAssociations" => self.describe_image_associations(input),
            "DescribeWorkspaceAssociations" => self.describe_workspace_associations(input),
            "AssociateWorkspaceApplication" => self.associate_workspace_application(input, clock),
            "DisassociateWorkspaceApplication" => {
                self.disassociate_workspace_application(input, clock)
            }
            "DeployWorkspaceApplications" => self.deploy_workspace_applications(input, clock),
            "DescribeWorkspaceImages" => self.describe_workspace_images(input),
            "CreateUpdatedWorkspaceImage" => self.create_updated_workspace_image(input, clock),
            "DeleteWorkspaceImage" => self.delete_workspace_image(input),
            "DescribeWorkspaceBundles" => self.describe_workspace_bundles(input),
            "DescribeWorkspaceDirectories" => self.describe_workspace_directories(input),
            "CreateTags" => self.create_tags(input),
            "DescribeTags" => self.describe_tags(input),
            "DeleteTags" => self.delete_tags(input),
            _ => Err(WsError::unknown_operation(op)),
        }
    }

    /// Applies every transition due at `now`: WorkSpaces, images and
    /// application associations reach their next state, and terminated
    /// WorkSpaces and uninstalled associations disappear.
    fn advance(&mut self, now: DateTime<Utc>) {
        if self.next_transition_due.is_none_or(|due| due > now) {
            return;
        }
        let mut still_due = None;
        let mut gone_workspaces = Vec::new();
        for (id, record) in &mut self.workspaces {
            if record.modifications_done_at.is_some_and(|done| done <= now) {
                record.workspace.modification_states.clear();
                record.modifications_done_at = None;
            }
            let workspace = &mut record.workspace;
            let outcome = advance_schedule(&mut record.schedule, now, |state, _| {
                workspace.state = state;
            });
            if let Advanced::Gone = outcome {
                gone_workspaces.push(id.clone());
            }
            still_due = earliest(
                still_due,
                earliest(record.schedule.next_due(), record.modifications_done_at),
            );
        }
        for id in gone_workspaces {
            self.forget_workspace(&id);
        }

        for record in self.images.values_mut() {
            let image = &mut record.image;
            advance_schedule(&mut record.schedule, now, |state, _| image.state = state);
            still_due = earliest(still_due, record.schedule.next_due());
        }

        self.associations.retain(|_, association| {
            let Association {
                schedule,
                state,
                last_updated_time,
                ..
            } = association;
            let outcome = advance_schedule(schedule, now, |next, at| {
                *state = next;
                *last_updated_time = at;
            });
            still_due = earliest(still_due, schedule.next_due());
            !matches!(outcome, Advanced::Gone)
        });
        self.next_transition_due = still_due;
    }

    /// Removes a WorkSpace whose termination has completed, with its tags
    /// and application associations.
    fn forget_workspace(&mut self, workspace_id: &str) {
        self.workspaces.remove(workspace_id);
        self.tags.remove(workspace_id);
        for key in self.association_keys_of(workspace_id) {
            self.associations.remove(&key);
        }
    }

    /// The keys of the associations of one WorkSpace, bundle or image: one
    /// range of the map, since keys begin with the resource id.
    fn association_keys_of(&self, resource_id: &str) -> Vec<String> {
        let prefix = Association::key(resource_id, "");
        self.associations
            .range(prefix.clone()..)
            .take_while(|(key, _)| key.starts_with(&prefix))
            .map(|(key, _)| key.clone())
            .collect()
    }
}
