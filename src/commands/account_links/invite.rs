//! `wsfleet account-links invite`

use aws_sdk_workspaces::types::AccountLink;

use super::account;
use crate::api::account_links::invite;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links invite 210987654321 --dry-run
  wsfleet account-links invite 210987654321 -o json | jq -r .AccountLinkId";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The account to invite
    #[arg(value_name = "ACCOUNT_ID", value_parser = account)]
    pub target: String,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would invite the account {} to link; nothing was changed",
            args.target
        ));
        return Ok(());
    }
    let writer = ctx.printer.one::<AccountLink>()?;
    let client = ctx.workspaces().await?;
    let link = invite(&client, &args.target).await?;
    writer.write(&link)
}
