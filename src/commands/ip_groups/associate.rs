//! `wsfleet ip-groups associate`

use super::DirectoryGroups;
use crate::api::ip_groups::associate_ip_groups;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups associate wsipg-abcdefgh1 --to-directory d-1234567890
  wsfleet ip-groups associate wsipg-abcdefgh1 wsipg-abcdefgh2 --to-directory wsd-abcdefgh1 --dry-run";

/// Where the groups go, spelled as a destination like `workspaces migrate
/// --to-bundle`; `--directory` still works (no ip-groups filter has it).
#[derive(Debug, clap::Args)]
#[command(mut_arg("directory", |arg| arg.long("to-directory").alias("directory")))]
pub struct Args {
    #[command(flatten)]
    pub pair: DirectoryGroups,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let (directory, groups) = args.pair.strings();
    let plan = format!("associate {} with {directory}", groups.join(", "));
    if args.change.dry_run {
        ctx.printer
            .note(format!("dry run: would {plan}; nothing was changed"));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    associate_ip_groups(&client, &directory, &groups).await?;
    ctx.printer.note(format!("done: {plan}"));
    Ok(())
}
