//! AWS Organizations: the accounts of the organization.

use aws_sdk_organizations::types::{Account, AccountState, AccountStatus};

use super::{OrganizationsClient, Pages};
use crate::error::Result;

/// The IDs of every ACTIVE account of the organization (ListAccounts, every
/// page), in the order the API lists them.
pub async fn active_accounts(client: &OrganizationsClient) -> Result<Vec<String>> {
    let pages = client.list_accounts().into_paginator().send();
    let accounts = Pages::of_paginator(client, "ListAccounts", pages, |page| {
        page.accounts.unwrap_or_default()
    })
    .all()
    .await?;
    Ok(accounts
        .into_iter()
        .filter(is_active)
        .filter_map(|account| account.id)
        .collect())
}

/// `State` replaces the deprecated `Status`; an answer may carry either.
fn is_active(account: &Account) -> bool {
    match (account.state(), account.status()) {
        (Some(state), _) => *state == AccountState::Active,
        (None, Some(status)) => *status == AccountStatus::Active,
        (None, None) => false,
    }
}
