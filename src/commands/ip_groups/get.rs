//! `wsfleet ip-groups get`

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use crate::api::ip_groups::get_ip_group;
use crate::context::Context;
use crate::error::Result;
use crate::resources::IpGroupId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups get wsipg-abcdefgh1
  wsfleet ip-groups get wsipg-abcdefgh1 -o json | jq -r '.userRules[].ipRule'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The IP group ID
    #[arg(value_name = "GROUP_ID")]
    pub id: IpGroupId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<WorkspacesIpGroup>()?;
    let client = ctx.workspaces().await?;
    let group = get_ip_group(&client, &args.id).await?;
    writer.write(&group)
}
