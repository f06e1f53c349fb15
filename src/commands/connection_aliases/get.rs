//! `wsfleet connection-aliases get`

use aws_sdk_workspaces::types::ConnectionAlias;

use crate::api::connection_aliases::get_connection_alias;
use crate::context::Context;
use crate::error::Result;
use crate::resources::ConnectionAliasId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases get wsca-abcdefgh1
  wsfleet connection-aliases get wsca-abcdefgh1 -o json | jq '.Associations'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The connection alias ID
    #[arg(value_name = "ALIAS_ID")]
    pub id: ConnectionAliasId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<ConnectionAlias>()?;
    let client = ctx.workspaces().await?;
    let alias = get_connection_alias(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &alias).await
}
