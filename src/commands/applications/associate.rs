//! `wsfleet applications associate`

use aws_sdk_workspaces::types::WorkspaceResourceAssociation;

use super::PairArgs;
use crate::api::workspaces::associate_application;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications associate --workspace ws-abc12345 --application wsa-abcd1234
  wsfleet applications deploy --workspace ws-abc12345     then install it";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub pair: PairArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let (workspace, application) = args.pair.checked()?;
    let writer = ctx.printer.one::<WorkspaceResourceAssociation>()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would associate {application} with {workspace}; nothing was changed"
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let association = associate_application(&client, &workspace, &application).await?;
    writer.write(&association)
}
