//! `wsfleet pools get`

use aws_sdk_workspaces::types::WorkspacesPool;

use crate::api::pools::get_pool;
use crate::context::Context;
use crate::error::Result;
use crate::resources::PoolId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools get wspool-abcdefgh1
  wsfleet pools get wspool-abcdefgh1 -o json | jq .TimeoutSettings";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pool ID
    #[arg(value_name = "POOL_ID")]
    pub id: PoolId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<WorkspacesPool>()?;
    let client = ctx.workspaces().await?;
    let pool = get_pool(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &pool).await
}
