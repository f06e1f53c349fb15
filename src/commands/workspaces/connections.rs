//! `wsfleet workspaces connections`: who is connected, and when each
//! WorkSpace's user last connected.

use aws_sdk_workspaces::types::WorkspaceConnectionStatus;

use super::WorkspaceFilterArgs;
use super::applications::write_list;
use crate::api::workspace_operations::connection_statuses;
use crate::api::workspaces::workspaces;
use crate::bulk::targets::TargetArgs;
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
}

/// Every WorkSpace's status without targets; the named ones, or those the
/// filters select, otherwise. A WorkSpace nobody ever connected to has no
/// LastKnownUserConnectionTimestamp.
pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids: Vec<String> = WORKSPACES
        .targets(&args.targets, None)?
        .into_iter()
        .map(|named| named.id)
        .collect();
    let query = args.filters.query(ids.clone())?;
    let writer = ctx
        .printer
        .list::<WorkspaceConnectionStatus>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let ids = if args.filters.is_empty() {
        ids
    } else {
        let found = workspaces(&client, query).all().await?;
        let selected: Vec<_> = found
            .into_iter()
            .filter(|w| args.filters.matches(w))
            .filter(|w| {
                ids.is_empty()
                    || w.workspace_id()
                        .is_some_and(|id| ids.iter().any(|i| i == id))
            })
            .collect();
        if selected.is_empty() {
            ctx.printer.note("no WorkSpaces match");
            return Ok(());
        }
        selected
            .iter()
            .filter_map(|w| w.workspace_id().map(str::to_owned))
            .collect()
    };
    let statuses = connection_statuses(&client, &ids).await?;
    write_list(ctx, writer, &statuses, "no connection status")
}
