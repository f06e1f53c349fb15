//! `wsfleet connect-add-ins update`

use super::{check_name, check_url};
use crate::api::connect_add_ins::update_add_in;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::DirectoryId;
use crate::validate::amazon_uuid;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connect-add-ins update d-90670b1234 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --name CCP
  wsfleet connect-add-ins update d-90670b1234 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 \\
    --url https://x.my.connect.aws/ccp-v2 --dry-run";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory the add-in belongs to
    #[arg(value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,

    /// The add-in (its AddInId)
    #[arg(value_name = "ADD_IN_ID", value_parser = amazon_uuid)]
    pub add_in: String,

    /// Its new name (1 to 64 characters)
    #[arg(long)]
    pub name: Option<String>,

    /// Its new URL (http:// or https://)
    #[arg(long)]
    pub url: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.name.is_none() && args.url.is_none() {
        return Err(AppError::usage("name something to change: --name or --url"));
    }
    if let Some(name) = &args.name {
        check_name(name)?;
    }
    if let Some(url) = &args.url {
        check_url(url)?;
    }
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would update the add-in {}; nothing was changed",
            args.add_in
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    update_add_in(&client, &args.directory, &args.add_in, args.name, args.url).await?;
    ctx.printer
        .note(format!("updated the add-in {}", args.add_in));
    Ok(())
}
