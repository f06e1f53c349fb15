//! `wsfleet ip-groups associate`

use super::{Association, DirectoryGroups, change_association};
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
    let flags = args.change.into();
    change_association(ctx, args.pair, (&flags, None), Association::Associate).await
}
