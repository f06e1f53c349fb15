//! `wsfleet directories client-properties`: whether the WorkSpaces clients
//! of each directory reconnect and upload their logs (DescribeClientProperties).

use aws_sdk_workspaces::types::ClientPropertiesResult;

use crate::api::directory_settings::client_properties;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{DirectoryId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories client-properties d-1234567890 wsd-abcdefgh1
  wsfleet directories client-properties d-1234567890 -o json | jq '.[].ClientProperties'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directories (25 a request)
    #[arg(value_name = "DIRECTORY_ID", required = true)]
    pub ids: Vec<DirectoryId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let writer = ctx
        .printer
        .list::<ClientPropertiesResult>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| client_properties(session.workspaces(), &ids),
        "client properties",
    )
    .await
}
