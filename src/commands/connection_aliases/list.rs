//! `wsfleet connection-aliases list`

use aws_sdk_workspaces::types::ConnectionAlias;

use crate::api::connection_aliases::{AliasQuery, connection_aliases};
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{ConnectionAliasId, DirectoryId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases list
  wsfleet connection-aliases list --directory d-1234567890 -o json | jq -r '.[].ConnectionString'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these aliases (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "ALIAS_ID,...")]
    pub ids: Vec<ConnectionAliasId>,

    /// Only the aliases associated with this directory (sent to the API)
    #[arg(long, value_name = "DIRECTORY_ID")]
    pub directory: Option<DirectoryId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let query = AliasQuery {
        ids: strings(args.ids),
        directory: args.directory.map(|d| d.to_string()),
    };
    let writer = ctx
        .printer
        .list::<ConnectionAlias>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| connection_aliases(session.workspaces(), query.clone()),
        "connection aliases",
    )
    .await
}
