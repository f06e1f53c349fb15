//! `wsfleet ip-groups delete`

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use crate::api::WorkspacesClient as Client;
use crate::api::ip_groups::{delete_ip_group, describe_ip_groups};
use crate::commands::plan::{RemoveArgs, RemoveEach, in_order_asked, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::IP_GROUPS;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups delete wsipg-abcdefgh1 --dry-run
  wsfleet ip-groups delete wsipg-abcdefgh1 wsipg-abcdefgh2 --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "delete",
        kind: &IP_GROUPS,
        id_of: WorkspacesIpGroup::group_id,
        found: |g| g.group_name().is_some(),
        blocked_by: None,
    };
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| async move { delete_ip_group(&client, &id).await },
    )
    .await
}

/// The groups named, described, in the order asked; a group the service
/// does not know stays in the plan (with no name) and fails as not found.
async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspacesIpGroup>> {
    let found = describe_ip_groups(client, ids).await?;
    Ok(in_order_asked(
        ids,
        found,
        WorkspacesIpGroup::group_id,
        |id| WorkspacesIpGroup::builder().group_id(id).build(),
    ))
}
