//! `wsfleet bundles list`

use aws_sdk_workspaces::types::WorkspaceBundle;

use super::OwnerArg;
use crate::api::bundles::{AMAZON, bundles_by_id};
use crate::api::workspaces::bundles;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{BundleId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles list
  wsfleet bundles list --owner amazon --columns BundleId,Name,ComputeType.Name
  wsfleet bundles list --owner self -o json | jq -r '.[].ImageId'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only Amazon's bundles or only the account's own (default: both, the account's first)
    #[arg(long, conflicts_with = "ids")]
    pub owner: Option<OwnerArg>,

    /// Only these bundles (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "BUNDLE_ID,...")]
    pub ids: Vec<BundleId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let owner = args.owner;
    let writer = ctx
        .printer
        .list::<WorkspaceBundle>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| {
            let client = session.workspaces();
            match owner {
                _ if !ids.is_empty() => bundles_by_id(client, &ids),
                Some(OwnerArg::Amazon) => bundles(client, Some(AMAZON)),
                Some(OwnerArg::Account) => bundles(client, None),
                None => bundles(client, None).then(bundles(client, Some(AMAZON))),
            }
        },
        "bundles",
    )
    .await
}
