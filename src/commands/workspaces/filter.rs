//! Which WorkSpaces a verb is about: the filters of `list`, which the state
//! changes, `connections`, `snapshots` and `create-standby` take as target
//! selectors too. The API filters by directory, user and bundle; the rest is
//! checked here on what DescribeWorkspaces returned, then (only when asked)
//! on each WorkSpace's tags and on the connection status.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_workspaces::types::{Workspace, WorkspaceConnectionStatus};

use super::{ComputeArg, OperatingSystemArg, RunningModeArg, WorkspaceStateArg};
use crate::api::WorkspacesClient;
use crate::api::workspace_operations::connection_statuses;
use crate::api::workspaces::{WorkspaceQuery, describe_tags, workspaces};
use crate::bulk::targets::TargetArgs;
use crate::cli::{ConcurrencyArgs, FILTERS};
use crate::commands::tagging::keep_by_tags;
use crate::duration;
use crate::error::Result;
use crate::resources::workspaces::ListedWorkspace;
use crate::resources::{BundleId, DirectoryId, WORKSPACES};
use crate::tags::{self, TagRules};

/// The filters `list` takes and the verbs over many WorkSpaces take as
/// selectors. A filter of several values (`--state stopped,error`, or the
/// flag repeated) keeps a WorkSpace that has any of them.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WorkspaceFilterArgs {
    /// Only WorkSpaces in this directory (sent to the API)
    #[arg(long, value_name = "DIRECTORY_ID", help_heading = FILTERS)]
    pub directory: Option<DirectoryId>,

    /// Only this user's WorkSpaces (sent to the API; needs --directory)
    #[arg(long, value_name = "USER_NAME", requires = "directory", help_heading = FILTERS)]
    pub user: Option<String>,

    /// Only WorkSpaces from this bundle (sent to the API)
    #[arg(long, value_name = "BUNDLE_ID", help_heading = FILTERS)]
    pub bundle: Option<BundleId>,

    /// Only WorkSpaces in these states (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', help_heading = FILTERS)]
    pub state: Vec<WorkspaceStateArg>,

    /// Only WorkSpaces with these running modes (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', help_heading = FILTERS)]
    pub running_mode: Vec<RunningModeArg>,

    /// Only WorkSpaces of these compute types (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', help_heading = FILTERS)]
    pub compute_type: Vec<ComputeArg>,

    /// Only WorkSpaces running these operating systems (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', help_heading = FILTERS)]
    pub os: Vec<OperatingSystemArg>,

    /// Only WorkSpaces carrying this tag: KEY=VALUE, or KEY with any value
    /// (repeatable, all must match; one DescribeTags a WorkSpace)
    #[arg(long = "tag", value_name = "KEY[=VALUE]", help_heading = FILTERS)]
    pub tags: Vec<String>,

    /// Only WorkSpaces no user has connected to for this long, or ever
    /// (30d, 2w, 12h; from the connection status, 25 WorkSpaces a call)
    #[arg(long, value_name = "DURATION", value_parser = duration::positive(), help_heading = FILTERS)]
    pub not_connected_for: Option<Duration>,
}

/// A `--tag` filter: the key, and the value it must have (`None`: any).
type TagFilter = (String, Option<String>);

impl WorkspaceFilterArgs {
    pub fn is_empty(&self) -> bool {
        self.directory.is_none()
            && self.user.is_none()
            && self.bundle.is_none()
            && self.state.is_empty()
            && self.running_mode.is_empty()
            && self.compute_type.is_empty()
            && self.os.is_empty()
            && self.tags.is_empty()
            && self.not_connected_for.is_none()
    }

    /// Checks the filters locally: bad input is exit 2 before any request.
    pub fn check(&self) -> Result<()> {
        self.query(Vec::new()).map(|_| ())
    }

    /// The WorkSpaces selected: those named, narrowed by the filters, in
    /// the order named; every WorkSpace the filters select when none is
    /// named. Without filters the named IDs go as they are (none: the API's
    /// "every WorkSpace"), so the service says which it does not know.
    pub async fn select(
        &self,
        client: &WorkspacesClient,
        named: Vec<String>,
        concurrency: usize,
    ) -> Result<Vec<String>> {
        if self.is_empty() {
            return Ok(named);
        }
        let found = workspaces(client, self.query(named.clone())?).all().await?;
        let selected: Vec<String> = self
            .narrow(client, found, false, concurrency)
            .await?
            .iter()
            .filter_map(|listed| listed.workspace.workspace_id().map(str::to_owned))
            .collect();
        if named.is_empty() {
            return Ok(selected);
        }
        Ok(named
            .into_iter()
            .filter(|id| selected.contains(id))
            .collect())
    }

    /// The DescribeWorkspaces request: the API's filters, every filter
    /// checked locally.
    pub fn query(&self, ids: Vec<String>) -> Result<WorkspaceQuery> {
        self.tag_filters()?;
        Ok(WorkspaceQuery {
            ids,
            directory_id: self.directory.clone().map(String::from),
            user_name: self.user.clone(),
            bundle_id: self.bundle.clone().map(String::from),
        })
    }

    fn tag_filters(&self) -> Result<Vec<TagFilter>> {
        self.tags
            .iter()
            .map(|text| match text.split_once('=') {
                Some(_) => tags::pair(text, TagRules::WorkSpaces).map(|(k, v)| (k, Some(v))),
                None => tags::key(text, TagRules::WorkSpaces).map(|k| (k, None)),
            })
            .collect()
    }

    /// The filters DescribeWorkspaces' own fields answer, checked on what
    /// it returned: the API's own are checked again because with IDs the
    /// API cannot apply them.
    pub fn matches(&self, workspace: &Workspace) -> bool {
        let equals =
            |wanted: Option<&str>, actual: Option<&str>| wanted.is_none_or(|w| actual == Some(w));
        let properties = workspace.workspace_properties();
        equals(self.directory.as_deref(), workspace.directory_id())
            && self.user.as_deref().is_none_or(|u| {
                workspace
                    .user_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case(u))
            })
            && equals(self.bundle.as_deref(), workspace.bundle_id())
            && any_of(
                &self.state,
                WorkspaceStateArg::api_value,
                workspace.state().map(|s| s.as_str()),
            )
            && any_of(
                &self.running_mode,
                RunningModeArg::api_value,
                properties
                    .and_then(|p| p.running_mode())
                    .map(|m| m.as_str()),
            )
            && any_of(
                &self.compute_type,
                ComputeArg::api_value,
                properties
                    .and_then(|p| p.compute_type_name())
                    .map(|c| c.as_str()),
            )
            && any_of(
                &self.os,
                OperatingSystemArg::api_value,
                properties
                    .and_then(|p| p.operating_system_name())
                    .map(|o| o.as_str()),
            )
    }

    /// The WorkSpaces of `page` that every filter keeps, in its order, each
    /// with its connection status when `with_connections` or
    /// `--not-connected-for` needs it. DescribeWorkspaces' fields are
    /// checked first, so only what they keep has its tags read (one
    /// DescribeTags a WorkSpace, `concurrency` at a time) and then its
    /// connection status read (25 a call).
    pub async fn narrow(
        &self,
        client: &WorkspacesClient,
        page: Vec<Workspace>,
        with_connections: bool,
        concurrency: usize,
    ) -> Result<Vec<ListedWorkspace>> {
        let wanted_tags = self.tag_filters()?;
        let mut kept: Vec<Workspace> = page.into_iter().filter(|w| self.matches(w)).collect();
        if !wanted_tags.is_empty() {
            // DescribeWorkspaces does not say: one DescribeTags a WorkSpace.
            let tags_of = |workspace: &Workspace| {
                let id = workspace.workspace_id()?.to_owned();
                Some(async move { describe_tags(client, &id).await })
            };
            let carries = |tags: &HashMap<String, String>| {
                wanted_tags.iter().all(|(key, value)| match value {
                    Some(value) => tags.get(key) == Some(value),
                    None => tags.contains_key(key),
                })
            };
            kept = keep_by_tags(kept, concurrency, tags_of, carries).await?;
        }
        let mut connections: HashMap<String, WorkspaceConnectionStatus> = HashMap::new();
        if (with_connections || self.not_connected_for.is_some()) && !kept.is_empty() {
            let ids: Vec<String> = kept
                .iter()
                .filter_map(|w| w.workspace_id().map(str::to_owned))
                .collect();
            for status in connection_statuses(client, &ids).await? {
                if let Some(id) = status.workspace_id() {
                    connections.insert(id.to_owned(), status.clone());
                }
            }
        }
        let cutoff = self.not_connected_for.map(seconds_before_now);
        Ok(kept
            .into_iter()
            .map(|workspace| {
                let connection = workspace
                    .workspace_id()
                    .and_then(|id| connections.remove(id));
                ListedWorkspace {
                    workspace,
                    connection,
                }
            })
            .filter(|listed| cutoff.is_none_or(|cutoff| !connected_since(listed, cutoff)))
            .collect())
    }
}

/// A filter of several values keeps a WorkSpace that has any of them.
fn any_of<A: Copy>(wanted: &[A], api_value: fn(A) -> &'static str, actual: Option<&str>) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| actual == Some(api_value(*w)))
}

/// Epoch seconds `ago` before now.
fn seconds_before_now(ago: Duration) -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    i64::try_from(now.saturating_sub(ago.as_secs())).unwrap_or(i64::MAX)
}

/// Whether the WorkSpace's user connected at or after `cutoff` (epoch
/// seconds); never connected (or no status) is not.
fn connected_since(listed: &ListedWorkspace, cutoff: i64) -> bool {
    listed
        .connection
        .as_ref()
        .and_then(|c| c.last_known_user_connection_timestamp())
        .is_some_and(|at| at.secs() >= cutoff)
}

/// The WorkSpaces a read verb over many is about (`connections`,
/// `snapshots`): IDs, `--ids-from`, or the filters.
#[derive(Debug, clap::Args)]
pub struct SelectArgs {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

impl SelectArgs {
    /// The IDs named, every one and every filter checked: bad input is
    /// exit 2 before any request.
    pub fn named(&self) -> Result<Vec<String>> {
        let named = WORKSPACES
            .targets(&self.targets, None)?
            .into_iter()
            .map(|named| named.id)
            .collect();
        self.filters.check()?;
        Ok(named)
    }

    /// The WorkSpaces selected (see [`WorkspaceFilterArgs::select`]).
    pub async fn ids(&self, client: &WorkspacesClient, named: Vec<String>) -> Result<Vec<String>> {
        self.filters
            .select(client, named, self.concurrency.get())
            .await
    }
}
