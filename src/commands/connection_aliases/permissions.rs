//! `wsfleet connection-aliases permissions`

use aws_sdk_workspaces::types::ConnectionAliasPermission;

use crate::api::connection_aliases::connection_alias_permissions;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::ConnectionAliasId;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases permissions wsca-abcdefgh1
  wsfleet connection-aliases permissions wsca-abcdefgh1 -o json | jq -r '.[].SharedAccountId'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The connection alias (one of the account's)
    #[arg(value_name = "ALIAS_ID")]
    pub id: ConnectionAliasId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<ConnectionAliasPermission>(View::List { details: false })?;
    let id = args.id;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| connection_alias_permissions(session.workspaces(), &id),
        "connection alias permissions",
    )
    .await
}
