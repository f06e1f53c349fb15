//! `wsfleet workspaces connections`: who is connected, and when each
//! WorkSpace's user last connected.

use aws_sdk_workspaces::types::WorkspaceConnectionStatus;

use super::applications::write_list;
use super::{WorkspaceFilterArgs, selected_ids};
use crate::api::workspace_operations::connection_statuses;
use crate::bulk::targets::TargetArgs;
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::WORKSPACES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces connections
  wsfleet workspaces connections ws-abc12345 ws-def67890 -o json
  wsfleet workspaces connections --directory d-90670b1234 --state available";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

/// Every WorkSpace's status without targets; the named ones, or those the
/// filters select, otherwise. A WorkSpace nobody ever connected to has no
/// LastKnownUserConnectionTimestamp.
pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let named: Vec<String> = WORKSPACES
        .targets(&args.targets, None)?
        .into_iter()
        .map(|named| named.id)
        .collect();
    args.filters.check()?;
    let writer = ctx
        .printer
        .list::<WorkspaceConnectionStatus>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let filtered = !args.filters.is_empty();
    let ids = selected_ids(&client, named, &args.filters, args.concurrency.get()).await?;
    if filtered && ids.is_empty() {
        ctx.printer.note("no WorkSpaces match");
        return Ok(());
    }
    let statuses = connection_statuses(&client, &ids).await?;
    write_list(ctx, writer, &statuses, "no connection status")
}
