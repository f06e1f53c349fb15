//! Bundles: the account's own and Amazon's.

use serde_json::Value;

use super::error::WsError;
use super::input::{BUNDLE_ID, Input};
use super::paging::{DEFAULT_PAGE, Listing};
use super::{Clock, WorkspacesState};

impl WorkspacesState {
    pub(super) fn describe_workspace_bundles(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let bundle_ids = input.id_list("BundleIds", &BUNDLE_ID)?;
        let owner = input.str("Owner")?;
        if bundle_ids.is_some() && owner.is_some() {
            return Err(WsError::invalid_parameter(
                "Specify either BundleIds or Owner, not both.",
            ));
        }
        // Without a filter the service lists the account's own bundles;
        // Owner AMAZON lists Amazon's.
        let listing = Listing::start("Bundles", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.bundles)
            .filter(|(_, record)| match (&bundle_ids, owner) {
                (Some(ids), _) => ids.contains(&record.bundle.bundle_id.as_str()),
                (None, Some(owner)) if owner.eq_ignore_ascii_case("AMAZON") => record.amazon_owned,
                (None, Some(owner)) => !record.amazon_owned && record.bundle.owner == owner,
                (None, None) => !record.amazon_owned,
            })
            .map(|(id, record)| (id, &record.bundle));
        listing.page(entries, DEFAULT_PAGE)
    }
}
