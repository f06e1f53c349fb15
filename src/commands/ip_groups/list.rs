//! `wsfleet ip-groups list`

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use crate::api::ip_groups::ip_groups;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{IpGroupId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups list
  wsfleet ip-groups list -o json | jq '.[].userRules'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these groups (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "GROUP_ID,...")]
    pub ids: Vec<IpGroupId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let writer = ctx
        .printer
        .list::<WorkspacesIpGroup>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| ip_groups(session.workspaces(), &ids),
        "IP groups",
    )
    .await
}
