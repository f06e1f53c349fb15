//! `wsfleet pools list`

use aws_sdk_workspaces::types::WorkspacesPool;

use crate::api::pools::pools;
use crate::commands::pools::settings::PoolStateArg;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{PoolId, strings};
use crate::scope::{self, Filtered, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools list
  wsfleet pools list --state running -o json | jq '.[].CapacityStatus'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these pools (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "POOL_ID,...")]
    pub ids: Vec<PoolId>,

    /// Only pools in this state
    #[arg(long)]
    pub state: Option<PoolStateArg>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let writer = ctx
        .printer
        .list::<WorkspacesPool>(View::List { details: false })?;
    let state = args.state;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| Filtered {
            source: pools(session.workspaces(), &ids),
            keep: move |pool: &WorkspacesPool| {
                state.is_none_or(|s| pool.state().as_str() == s.api_value())
            },
        },
        "pools",
    )
    .await
}
