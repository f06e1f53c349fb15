//! `wsfleet connect-add-ins create`

use std::io::Write;

use super::{check_name, check_url};
use crate::api::connect_add_ins::create_add_in;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;
use crate::resources::DirectoryId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connect-add-ins create d-90670b1234 --name CCP --url https://x.my.connect.aws/ccp-v2
  ID=$(wsfleet connect-add-ins create d-90670b1234 --name CCP --url https://x/ccp)";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory to add it to
    #[arg(value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,

    /// Its name (1 to 64 characters)
    #[arg(long)]
    pub name: String,

    /// Its URL (http:// or https://)
    #[arg(long)]
    pub url: String,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    check_name(&args.name)?;
    check_url(&args.url)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would add '{}' to {}; nothing was changed",
            args.name, args.directory
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let add_in_id = create_add_in(&client, &args.directory, &args.name, &args.url).await?;
    // The new ID is the output, so `$(...)` captures it.
    let mut out = ctx.printer.stdout();
    writeln!(out, "{add_in_id}")?;
    out.flush()?;
    Ok(())
}
