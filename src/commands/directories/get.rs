//! `wsfleet directories get`

use aws_sdk_workspaces::types::WorkspaceDirectory;

use crate::api::directories::get_directory;
use crate::context::Context;
use crate::error::Result;
use crate::resources::DirectoryId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories get d-1234567890
  wsfleet directories get d-1234567890 -o json | jq .SelfservicePermissions";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory ID (d-… or wsd-…)
    #[arg(value_name = "DIRECTORY_ID")]
    pub id: DirectoryId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<WorkspaceDirectory>()?;
    let client = ctx.workspaces().await?;
    let directory = get_directory(&client, &args.id).await?;
    writer.write(&directory)
}
