//! AWS Organizations: the accounts of the organization.

use aws_sdk_organizations::types::{Account, AccountState, AccountStatus};

use super::{OrganizationsClient, Pages};

/// The IDs of the ACTIVE accounts of the organization, page by page as
/// ListAccounts answers them (at most 20 a page, one page after another),
/// in the order the API lists them.
pub fn active_account_pages(client: &OrganizationsClient) -> Pages<String> {
    let pages = client.list_accounts().into_paginator().send();
    Pages::of_paginator(client, "ListAccounts", pages, |page| {
        page.accounts
            .unwrap_or_default()
            .into_iter()
            .filter(is_active)
            .filter_map(|account| account.id)
            .collect()
    })
}

/// `State` replaces the deprecated `Status`; an answer may carry either.
fn is_active(account: &Account) -> bool {
    match (account.state(), account.status()) {
        (Some(state), _) => *state == AccountState::Active,
        (None, Some(status)) => *status == AccountStatus::Active,
        (None, None) => false,
    }
}
