//! Account links: invitations between this account and others, and the
//! links they become once accepted.
//!
//! This account sends an invitation (PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT),
//! which the target accepts (LINKED) or rejects (REJECTED); the sender may
//! delete it while it waits, and either side may delete a link. A change
//! that does not fit the link's state is a ConflictException, as the
//! service answers it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{
    Input, check_account, check_enums, check_length, constraint_failure, missing, page_size,
};
use super::paging::{Listing, to_json};
use super::seed::SplitMix;
use super::{ACCOUNT_ID, Clock, WorkspacesState};

const PENDING: &str = "PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT";
const STATUSES: &[&str] = &[
    "LINKED",
    "LINKING_FAILED",
    "LINK_NOT_FOUND",
    PENDING,
    "REJECTED",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountLink {
    pub account_link_id: String,
    pub account_link_status: String,
    pub source_account_id: String,
    pub target_account_id: String,
}

/// Keyed by link id.
pub type AccountLinks = BTreeMap<String, AccountLink>;

/// LinkId: `^link-.{8,24}$`.
fn check_link_id(path: &str, value: &str) -> Result<(), WsError> {
    let ok = value
        .strip_prefix("link-")
        .is_some_and(|rest| (8..=24).contains(&rest.chars().count()));
    if ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^link-.{8,24}$",
        ))
    }
}

/// ClientToken: `^.{1,64}$`; the sandbox answers a repeat as a new call.
fn check_client_token(input: &Input) -> Result<(), WsError> {
    match input.str("ClientToken")? {
        Some(token) => check_length(&input.path_of("ClientToken"), token, 1, 64),
        None => Ok(()),
    }
}

fn conflict(message: String) -> WsError {
    WsError::of("ConflictException", message)
}

impl WorkspacesState {
    /// The link `LinkId` names, checked and found.
    fn account_link_mut(&mut self, input: &Input) -> Result<&mut AccountLink, WsError> {
        check_client_token(input)?;
        let link_id = input.required_str("LinkId")?;
        check_link_id(&input.path_of("LinkId"), link_id)?;
        self.account_links
            .get_mut(link_id)
            .ok_or_else(|| WsError::not_found(format!("The link {link_id} could not be found.")))
    }

    pub(super) fn list_account_links(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let statuses = input.strings("LinkStatusFilter")?;
        if let Some(statuses) = &statuses {
            check_enums(&input.path_of("LinkStatusFilter"), statuses, STATUSES)?;
        }
        let size = page_size(input, "MaxResults", 25, 25)?;
        // The operation declares ValidationException, not
        // InvalidParameterValuesException, for what it cannot read.
        let listing = Listing::start("AccountLinks", input.str("NextToken")?)
            .map_err(|error| WsError::validation(error.message))?;
        let entries = listing.entries(&self.account_links).filter(|(_, link)| {
            statuses
                .as_ref()
                .is_none_or(|s| s.contains(&link.account_link_status.as_str()))
        });
        listing.page(entries, size)
    }

    pub(super) fn get_account_link(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let link_id = input.str("LinkId")?;
        if let Some(link_id) = link_id {
            check_link_id(&input.path_of("LinkId"), link_id)?;
        }
        let account = input.str("LinkedAccountId")?;
        if let Some(account) = account {
            check_account(&input.path_of("LinkedAccountId"), account)?;
        }
        if link_id.is_none() && account.is_none() {
            return Err(missing(&input.path_of("LinkId")));
        }
        let found = self.account_links.values().find(|link| {
            link_id.is_none_or(|id| link.account_link_id == id)
                && account.is_none_or(|account| {
                    link.source_account_id == account || link.target_account_id == account
                })
        });
        match found {
            Some(link) => Ok(json!({ "AccountLink": to_json(link)? })),
            None => Err(WsError::not_found("The account link could not be found.")),
        }
    }

    pub(super) fn create_account_link_invitation(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        check_client_token(input)?;
        let target = input.required_str("TargetAccountId")?;
        check_account(&input.path_of("TargetAccountId"), target)?;
        if target == ACCOUNT_ID {
            return Err(WsError::validation(
                "An account cannot invite itself to link.",
            ));
        }
        let open = self.account_links.values().find(|link| {
            (link.target_account_id == target || link.source_account_id == target)
                && matches!(link.account_link_status.as_str(), "LINKED" | PENDING)
        });
        if let Some(open) = open {
            return Err(conflict(format!(
                "The account {target} already has the link {} ({}).",
                open.account_link_id, open.account_link_status
            )));
        }
        let link_id = self
            .id_source
            .fresh_id("link-", 12, |id| self.account_links.contains_key(id));
        let link = AccountLink {
            account_link_id: link_id.clone(),
            account_link_status: PENDING.to_owned(),
            source_account_id: ACCOUNT_ID.to_owned(),
            target_account_id: target.to_owned(),
        };
        let answer = json!({ "AccountLink": to_json(&link)? });
        self.account_links.insert(link_id, link);
        Ok(answer)
    }

    /// Accept or reject an invitation this account received.
    fn answer_invitation(&mut self, input: &Input, status: &str) -> Result<Value, WsError> {
        let link = self.account_link_mut(input)?;
        if link.target_account_id != ACCOUNT_ID || link.account_link_status != PENDING {
            return Err(conflict(format!(
                "The link {} is {} and was not sent to this account; only a pending invitation to it can be answered.",
                link.account_link_id, link.account_link_status
            )));
        }
        link.account_link_status = status.to_owned();
        Ok(json!({ "AccountLink": to_json(link)? }))
    }

    pub(super) fn accept_account_link_invitation(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        self.answer_invitation(input, "LINKED")
    }

    pub(super) fn reject_account_link_invitation(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        self.answer_invitation(input, "REJECTED")
    }

    pub(super) fn delete_account_link_invitation(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let link = self.account_link_mut(input)?;
        let deletable = match link.account_link_status.as_str() {
            PENDING => link.source_account_id == ACCOUNT_ID,
            "LINKED" => true,
            _ => false,
        };
        if !deletable {
            return Err(conflict(format!(
                "The link {} is {}; only a sent invitation or a link can be deleted.",
                link.account_link_id, link.account_link_status
            )));
        }
        let link = link.clone();
        self.account_links.remove(&link.account_link_id);
        Ok(json!({ "AccountLink": to_json(&link)? }))
    }
}

/// A link in place, an invitation from another account waiting for this
/// one, an invitation this one sent, and one that was rejected.
pub(super) fn seed_account_links(state: &mut WorkspacesState, rng: &mut SplitMix) {
    for (status, source, target) in [
        ("LINKED", ACCOUNT_ID, "210987654321"),
        (PENDING, "345678901234", ACCOUNT_ID),
        (PENDING, ACCOUNT_ID, "456789012345"),
        ("REJECTED", ACCOUNT_ID, "567890123456"),
    ] {
        let link_id = rng.fresh_id("link-", 12, |id| state.account_links.contains_key(id));
        state.account_links.insert(
            link_id.clone(),
            AccountLink {
                account_link_id: link_id,
                account_link_status: status.to_owned(),
                source_account_id: source.to_owned(),
                target_account_id: target.to_owned(),
            },
        );
    }
}
