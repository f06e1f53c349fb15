//! `wsfleet bundles get`

use aws_sdk_workspaces::types::WorkspaceBundle;

use crate::api::bundles::get_bundle;
use crate::context::Context;
use crate::error::Result;
use crate::resources::BundleId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles get wsb-abcdefgh1
  wsfleet bundles get wsb-abcdefgh1 -o json | jq -r .ImageId";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bundle ID
    #[arg(value_name = "BUNDLE_ID")]
    pub id: BundleId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<WorkspaceBundle>()?;
    let client = ctx.workspaces().await?;
    let bundle = get_bundle(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &bundle).await
}
