//! `wsfleet workspaces get`

use aws_sdk_workspaces::types::Workspace;

use crate::api::workspaces::get_workspace;
use crate::context::Context;
use crate::error::Result;
use crate::resources::WorkspaceId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces get ws-abc12345
  wsfleet workspaces get ws-abc12345 -o json | jq .WorkspaceProperties.OperatingSystemName";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The WorkSpace ID
    #[arg(value_name = "WS_ID")]
    pub id: WorkspaceId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<Workspace>()?;
    let client = ctx.workspaces().await?;
    let workspace = get_workspace(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &workspace).await
}
