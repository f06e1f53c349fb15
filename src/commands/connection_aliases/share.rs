//! `wsfleet connection-aliases share` and `wsfleet connection-aliases unshare`

use crate::api::connection_aliases::set_connection_alias_permission;
use crate::cli::ChangeArgs;
use crate::commands::account_links::account;
use crate::commands::plan::{Sharing, share_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::ConnectionAliasId;

pub const SHARE_EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases share wsca-abcdefgh1 --account 210987654321
  wsfleet connection-aliases share wsca-abcdefgh1 --account 210987654321,345678901234 --dry-run";

pub const UNSHARE_EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases unshare wsca-abcdefgh1 --account 210987654321";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The connection alias (one of the account's, CREATED)
    #[arg(value_name = "ALIAS_ID")]
    pub id: ConnectionAliasId,

    /// Another AWS account's ID, 12 digits (repeatable or comma-separated)
    #[arg(long, required = true, value_delimiter = ',', value_name = "ACCOUNT_ID", value_parser = account)]
    pub account: Vec<String>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// Shares (`allow`: the account may associate the alias with its
/// directories) or stops sharing the alias with each account, in turn.
pub async fn run(args: Args, allow: bool, ctx: &Context) -> Result<()> {
    let sharing = Sharing {
        resource: &args.id,
        accounts: &args.account,
        allow,
        dry_run: args.change.dry_run,
    };
    let alias_id = &args.id;
    share_each(ctx, sharing, |client, account| async move {
        set_connection_alias_permission(&client, alias_id, &account, allow).await
    })
    .await
}
