//! `wsfleet connect-add-ins list`

use aws_sdk_workspaces::types::ConnectClientAddIn;

use crate::api::connect_add_ins::add_ins;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::DirectoryId;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connect-add-ins list d-90670b1234
  wsfleet connect-add-ins list d-90670b1234 -o json | jq -r '.[].URL'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory whose add-ins to list
    #[arg(value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<ConnectClientAddIn>(View::List { details: false })?;
    let directory = args.directory.to_string();
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| add_ins(session.workspaces(), &directory),
        "add-ins",
    )
    .await
}
