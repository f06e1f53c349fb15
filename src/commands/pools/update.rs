//! `wsfleet pools update`

use aws_sdk_workspaces::types::WorkspacesPool;

use super::settings::SettingsArgs;
use super::settle::{Settled, settled};
use crate::api::pools::update_pool;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::PoolId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools update wspool-abcdefgh1 --desired-sessions 40 --wait
  wsfleet pools update wspool-abcdefgh1 --idle-disconnect-timeout 15m --dry-run";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pool to change
    #[arg(value_name = "POOL_ID")]
    pub id: PoolId,

    #[command(flatten)]
    pub settings: SettingsArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.settings.is_empty() {
        return Err(AppError::usage(
            "name something to change: --desired-sessions, --description, a timeout, ...",
        ));
    }
    let settings = args.settings.to_settings()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would update the pool {}; nothing was changed",
            args.id
        ));
        return Ok(());
    }
    let writer = ctx.printer.one::<WorkspacesPool>()?;
    let client = ctx.workspaces().await?;
    let pool = update_pool(&client, &args.id, &settings).await?;
    let pool = settled(ctx, client, pool, Settled::Steady, &args.wait).await?;
    writer.write(&pool)
}
