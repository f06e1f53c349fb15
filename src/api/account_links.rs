//! Account links: invitations between AWS accounts to share WorkSpaces
//! resources, and the links they become.

use aws_sdk_workspaces::types::{AccountLink, AccountLinkStatusEnum};

use super::{Pages, WorkspacesClient as Client};
use crate::error::{AppError, Result};

/// ListAccountLinks, every page; `statuses` empty: every link.
pub fn account_links(client: &Client, statuses: Vec<AccountLinkStatusEnum>) -> Pages<AccountLink> {
    let pages = client
        .list_account_links()
        .set_link_status_filter((!statuses.is_empty()).then_some(statuses))
        .into_paginator()
        .send();
    Pages::of_paginator(client, "ListAccountLinks", pages, |page| {
        page.account_links.unwrap_or_default()
    })
}

/// The link with this ID or with this other account.
#[derive(Debug, Clone)]
pub enum LinkKey {
    Id(String),
    Account(String),
}

fn link_of(operation: &str, link: Option<AccountLink>) -> Result<AccountLink> {
    link.ok_or_else(|| -> AppError {
        anyhow::anyhow!("{operation} answered without the account link").into()
    })
}

pub async fn get_account_link(client: &Client, key: &LinkKey) -> Result<AccountLink> {
    let (link_id, account) = match key {
        LinkKey::Id(id) => (Some(id.clone()), None),
        LinkKey::Account(account) => (None, Some(account.clone())),
    };
    let output = client
        .get_account_link()
        .set_link_id(link_id)
        .set_linked_account_id(account)
        .send()
        .await
        .map_err(|e| client.error("GetAccountLink", e))?;
    link_of("GetAccountLink", output.account_link)
}

pub async fn invite(client: &Client, target_account: &str) -> Result<AccountLink> {
    let output = client
        .create_account_link_invitation()
        .target_account_id(target_account)
        .send()
        .await
        .map_err(|e| client.error("CreateAccountLinkInvitation", e))?;
    link_of("CreateAccountLinkInvitation", output.account_link)
}

/// What may be done to an invitation by its ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkChange {
    Accept,
    Reject,
    Delete,
}

pub async fn change_link(
    client: &Client,
    change: LinkChange,
    link_id: &str,
) -> Result<AccountLink> {
    match change {
        LinkChange::Accept => {
            let output = client
                .accept_account_link_invitation()
                .link_id(link_id)
                .send()
                .await
                .map_err(|e| client.error("AcceptAccountLinkInvitation", e))?;
            link_of("AcceptAccountLinkInvitation", output.account_link)
        }
        LinkChange::Reject => {
            let output = client
                .reject_account_link_invitation()
                .link_id(link_id)
                .send()
                .await
                .map_err(|e| client.error("RejectAccountLinkInvitation", e))?;
            link_of("RejectAccountLinkInvitation", output.account_link)
        }
        LinkChange::Delete => {
            let output = client
                .delete_account_link_invitation()
                .link_id(link_id)
                .send()
                .await
                .map_err(|e| client.error("DeleteAccountLinkInvitation", e))?;
            link_of("DeleteAccountLinkInvitation", output.account_link)
        }
    }
}
