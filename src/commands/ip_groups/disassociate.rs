//! `wsfleet ip-groups disassociate`: the directory's access rules change at
//! once, so it asks first.

use super::{Association, DirectoryGroups, change_association};
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups disassociate wsipg-abcdefgh1 --from-directory d-1234567890 --dry-run
  wsfleet ip-groups disassociate wsipg-abcdefgh1 --from-directory d-1234567890 --yes";

/// The directory they leave; `--directory` still works (no ip-groups filter has it).
#[derive(Debug, clap::Args)]
#[command(mut_arg("directory", |arg| arg.long("from-directory").alias("directory")))]
pub struct Args {
    #[command(flatten)]
    pub pair: DirectoryGroups,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "disassociate")?;
    let flags = (&args.confirm, Some(&*prompter));
    change_association(ctx, args.pair, flags, Association::Disassociate).await
}
