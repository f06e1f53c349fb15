//! `wsfleet workspaces connections`: who is connected, and when each
//! WorkSpace's user last connected.

use aws_sdk_workspaces::types::WorkspaceConnectionStatus;

use super::SelectArgs;
use super::applications::write_list;
use crate::api::workspace_operations::connection_statuses;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces connections
  wsfleet workspaces connections ws-abc12345 ws-def67890 -o json
  wsfleet workspaces connections --directory d-90670b1234 --state available";

/// Every WorkSpace's status without targets; the named ones, or those the
/// filters select, otherwise. A WorkSpace nobody ever connected to has no
/// LastKnownUserConnectionTimestamp.
pub async fn run(args: SelectArgs, ctx: &Context) -> Result<()> {
    let named = args.named()?;
    let writer = ctx
        .printer
        .list::<WorkspaceConnectionStatus>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let ids = args.ids(&client, named).await?;
    if !args.filters.is_empty() && ids.is_empty() {
        ctx.printer.note("no WorkSpaces match");
        return Ok(());
    }
    let statuses = connection_statuses(&client, &ids).await?;
    write_list(ctx, writer, &statuses, "no connection status").await
}
