//! `wsfleet connection-aliases delete`

use aws_sdk_workspaces::types::ConnectionAlias;

use super::described;
use crate::api::connection_aliases::delete_connection_alias;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{RemoveEach, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::CONNECTION_ALIASES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases delete wsca-abcdefgh1 --dry-run
  wsfleet connection-aliases delete wsca-abcdefgh1 wsca-abcdefgh2 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "delete",
        kind: &CONNECTION_ALIASES,
        describe_operation: "DescribeConnectionAliases",
        id_of: ConnectionAlias::alias_id,
        found: |a| a.state().is_some(),
    };
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        described,
        |client, id| async move { delete_connection_alias(&client, &id).await },
    )
    .await
}
