//! `wsfleet directories list`

use aws_sdk_workspaces::types::WorkspaceDirectory;

use crate::api::directories::directories_by_id;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{DirectoryId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories list
  wsfleet directories list --columns DirectoryId,Alias,WorkspaceAccessProperties.DeviceTypeWeb";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these directories (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "DIRECTORY_ID,...")]
    pub ids: Vec<DirectoryId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let writer = ctx
        .printer
        .list::<WorkspaceDirectory>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| directories_by_id(session.workspaces(), &ids),
        "directories",
    )
    .await
}
