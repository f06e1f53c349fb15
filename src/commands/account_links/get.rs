//! `wsfleet account-links get`

use aws_sdk_workspaces::types::AccountLink;

use super::{account, link_id};
use crate::api::account_links::{LinkKey, get_account_link};
use crate::context::Context;
use crate::error::{AppError, Result};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links get link-abcdefgh1234
  wsfleet account-links get --account 210987654321 -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The link's ID
    #[arg(value_name = "LINK_ID", value_parser = link_id, conflicts_with = "account")]
    pub id: Option<String>,

    /// The link with this other account, instead of an ID
    #[arg(long, value_name = "ACCOUNT_ID", value_parser = account)]
    pub account: Option<String>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let key = match (args.id, args.account) {
        (Some(id), _) => LinkKey::Id(id),
        (None, Some(account)) => LinkKey::Account(account),
        (None, None) => {
            return Err(AppError::usage(
                "name the link: its ID, or --account ACCOUNT_ID",
            ));
        }
    };
    let writer = ctx.printer.one::<AccountLink>()?;
    let client = ctx.workspaces().await?;
    let link = get_account_link(&client, &key).await?;
    writer.write(&link)
}
