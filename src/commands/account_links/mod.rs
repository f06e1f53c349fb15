//! `wsfleet account-links`: invitations between AWS accounts to share
//! WorkSpaces resources, and the links they become.

pub mod accept;
pub mod answer;
pub mod delete;
pub mod get;
pub mod invite;
pub mod list;
pub mod reject;

use clap::Subcommand;

use crate::api::account_links::LinkChange;
use crate::context::Context;
use crate::error::Result;
use crate::validate::printable;

/// The end of `wsfleet account-links --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links list --status pending-acceptance-by-target-account
  wsfleet account-links invite 210987654321";

#[derive(Debug, Subcommand)]
pub enum AccountLinksCommand {
    /// List account links and invitations (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show one account link, by its ID or the other account
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Invite another account to link with this one
    #[command(after_long_help = invite::EXAMPLES)]
    Invite(invite::Args),
    /// Accept an invitation sent to this account
    #[command(after_long_help = accept::EXAMPLES)]
    Accept(answer::AcceptArgs),
    /// Reject an invitation sent to this account
    #[command(after_long_help = reject::EXAMPLES)]
    Reject(answer::ConfirmedArgs),
    /// Delete an invitation this account sent, or a link
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(answer::ConfirmedArgs),
}

pub async fn run(command: AccountLinksCommand, ctx: &Context) -> Result<()> {
    match command {
        AccountLinksCommand::List(args) => list::run(args, ctx).await,
        AccountLinksCommand::Get(args) => get::run(args, ctx).await,
        AccountLinksCommand::Invite(args) => invite::run(args, ctx).await,
        AccountLinksCommand::Accept(args) => {
            answer::run(LinkChange::Accept, args.link, args.change.into(), ctx).await
        }
        AccountLinksCommand::Reject(args) => {
            answer::run(LinkChange::Reject, args.link, args.confirm, ctx).await
        }
        AccountLinksCommand::Delete(args) => {
            answer::run(LinkChange::Delete, args.link, args.confirm, ctx).await
        }
    }
}

/// LinkId: `link-` and 8 to 24 characters. A clap value parser.
pub fn link_id(text: &str) -> std::result::Result<String, String> {
    let ok = text
        .strip_prefix("link-")
        .is_some_and(|rest| (8..=24).contains(&rest.chars().count()));
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not a link ID: link- and 8 to 24 characters",
            printable(text)
        ))
    }
}

/// An AWS account ID, as a clap value parser.
pub fn account(text: &str) -> std::result::Result<String, String> {
    crate::validate::account_id(text).map_err(|e| e.to_string())
}
