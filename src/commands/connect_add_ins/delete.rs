//! `wsfleet connect-add-ins delete`

use crate::api::connect_add_ins::delete_add_in;
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;
use crate::resources::DirectoryId;
use crate::validate::amazon_uuid;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connect-add-ins delete d-90670b1234 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --dry-run
  wsfleet connect-add-ins delete d-90670b1234 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory the add-in belongs to
    #[arg(value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,

    /// The add-in (its AddInId)
    #[arg(value_name = "ADD_IN_ID", value_parser = amazon_uuid)]
    pub add_in: String,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "delete")?;
    if args.confirm.dry_run() {
        ctx.printer.note(format!(
            "dry run: would delete the add-in {} of {}; nothing was changed",
            args.add_in, args.directory
        ));
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "delete", 1)?;
    let client = ctx.workspaces().await?;
    delete_add_in(&client, &args.directory, &args.add_in).await?;
    ctx.printer
        .note(format!("deleted the add-in {}", args.add_in));
    Ok(())
}
