//! The WorkSpaces themselves: describing them, and what creating,
//! modifying and the batch state changes share.

mod batch;
mod create;
mod properties;
mod snapshots;
mod standby;

use serde_json::Value;

use super::error::WsError;
use super::input::{
    BUNDLE_ID, DIRECTORY_ID, Input, WORKSPACE_ID, check_length, check_workspace_name, page_size,
};
use super::model::Workspace;
use super::paging::Listing;
use super::{Clock, WorkspacesState};

pub(crate) use batch::{REBOOT, REBUILD, START, STOP, TERMINATE};
pub(crate) use snapshots::seeded_snapshots;

/// The most WorkSpaces one batch call takes.
pub(super) const BATCH_LIMIT: usize = 25;

/// UserName: 1 to 63 characters.
fn check_user_name(path: &str, user_name: &str) -> Result<(), WsError> {
    check_length(path, user_name, 1, 63)
}

/// A per-item failure of a batch call: `ErrorCode` and `ErrorMessage`.
struct ItemFailure {
    code: &'static str,
    message: String,
}

impl ItemFailure {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// A whole-call exception turned into a per-item failure, named as
    /// batch results name them (without the `Exception` suffix).
    fn from_error(error: WsError) -> Self {
        Self {
            code: error.code.strip_suffix("Exception").unwrap_or(error.code),
            message: error.message,
        }
    }
}

/// A batch request as sent, only its model's `members`, for the failed
/// entries that echo it back.
fn echo(request: &Input, members: &[&str]) -> Value {
    Value::Object(
        request
            .raw()
            .map(|sent| {
                sent.iter()
                    .filter(|(name, _)| members.contains(&name.as_str()))
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

impl WorkspacesState {
    pub(crate) fn describe_workspaces(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let workspace_ids = input.id_list("WorkspaceIds", &WORKSPACE_ID)?;
        let directory_id = input.id("DirectoryId", &DIRECTORY_ID)?;
        let user_name = input.str("UserName")?;
        if let Some(name) = user_name {
            check_user_name(&input.path_of("UserName"), name)?;
        }
        let bundle_id = input.id("BundleId", &BUNDLE_ID)?;
        let workspace_name = input.str("WorkspaceName")?;
        if let Some(name) = workspace_name {
            check_workspace_name(&input.path_of("WorkspaceName"), name)?;
        }
        let limit = page_size(input, "Limit", 25, 25)?;
        let filters = [
            workspace_ids.is_some(),
            directory_id.is_some(),
            bundle_id.is_some(),
            workspace_name.is_some(),
        ];
        if filters.iter().filter(|set| **set).count() > 1 {
            return Err(WsError::invalid_parameter(
                "You can specify only one filter: WorkspaceIds, DirectoryId, BundleId or WorkspaceName.",
            ));
        }
        if user_name.is_some() && directory_id.is_none() {
            return Err(WsError::invalid_parameter(
                "The UserName filter requires the DirectoryId filter.",
            ));
        }
        let wanted = |workspace: &Workspace| {
            workspace_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&workspace.workspace_id.as_str()))
                && directory_id.is_none_or(|id| workspace.directory_id == id)
                && user_name.is_none_or(|name| workspace.user_name.eq_ignore_ascii_case(name))
                && bundle_id.is_none_or(|id| workspace.bundle_id == id)
                && workspace_name
                    .is_none_or(|name| workspace.workspace_name.as_deref() == Some(name))
        };
        let listing = Listing::start("Workspaces", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.workspaces)
            .map(|(id, record)| (id, &record.workspace))
            .filter(|(_, workspace)| wanted(workspace));
        listing.page(entries, limit)
    }
}
