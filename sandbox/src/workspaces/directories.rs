//! Directories registered with WorkSpaces.

use serde_json::Value;

use super::error::WsError;
use super::input::{DIRECTORY_ID, Input, page_size};
use super::paging::{DEFAULT_PAGE, Listing};
use super::{Clock, WorkspacesState};

impl WorkspacesState {
    pub(super) fn describe_workspace_directories(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_ids = input.id_list("DirectoryIds", &DIRECTORY_ID)?;
        let names = input.strings("WorkspaceDirectoryNames")?;
        let size = page_size(input, "Limit", 25, DEFAULT_PAGE)?;
        let listing = Listing::start("Directories", input.str("NextToken")?)?;
        let entries = listing.entries(&self.directories).filter(|(_, directory)| {
            directory_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&directory.directory_id.as_str()))
                && names
                    .as_ref()
                    .is_none_or(|names| names.contains(&directory.directory_name.as_str()))
        });
        listing.page(entries, size)
    }
}
