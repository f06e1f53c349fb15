//! `wsfleet applications disassociate`: the application is uninstalled from
//! the WorkSpace at the next deployment, so it asks first.

use aws_sdk_workspaces::types::WorkspaceResourceAssociation;

use super::PairArgs;
use crate::api::workspaces::disassociate_application;
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications disassociate --workspace ws-abc12345 --application wsa-abcd1234
  wsfleet applications disassociate --workspace ws-abc12345 --application wsa-abcd1234 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub pair: PairArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "disassociate")?;
    let (workspace, application) = args.pair.checked()?;
    let writer = ctx.printer.one::<WorkspaceResourceAssociation>()?;
    ctx.printer.note(format!(
        "Disassociating {application} from {workspace} uninstalls it from the WorkSpace at the next deployment."
    ));
    if args.confirm.dry_run() {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "disassociate", 1)?;
    let client = ctx.workspaces().await?;
    let association = disassociate_application(&client, &workspace, &application).await?;
    writer.write(&association)
}
