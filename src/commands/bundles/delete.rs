//! `wsfleet bundles delete`

use crate::api::WorkspacesClient as Client;
use aws_sdk_workspaces::types::WorkspaceBundle;

use crate::api::bundles::{bundles_by_id, delete_bundle};
use crate::commands::plan::{RemoveArgs, RemoveEach, in_order_asked, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::BUNDLES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles delete wsb-abcdefgh1 --dry-run
  wsfleet bundles list --owner self -o json | wsfleet bundles delete --ids-from - --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "delete",
        kind: &BUNDLES,
        id_of: WorkspaceBundle::bundle_id,
        found: |b| b.state().is_some(),
        blocked_by: None,
    };
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| async move { delete_bundle(&client, &id).await },
    )
    .await
}

/// The bundles named, described, in the order asked; a bundle the service
/// does not know stays in the plan (with no state) and fails as not found.
async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceBundle>> {
    let found = bundles_by_id(client, ids).all().await?;
    Ok(in_order_asked(
        ids,
        found,
        WorkspaceBundle::bundle_id,
        |id| WorkspaceBundle::builder().bundle_id(id).build(),
    ))
}
