//! `wsfleet ip-groups delete`

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use crate::api::WorkspacesClient as Client;
use crate::api::ip_groups::{delete_ip_group, describe_ip_groups};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{RemoveEach, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::IP_GROUPS;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups delete wsipg-abcdefgh1 --dry-run
  wsfleet ip-groups delete wsipg-abcdefgh1 wsipg-abcdefgh2 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "delete",
        kind: &IP_GROUPS,
        describe_operation: "DescribeIpGroups",
        id_of: WorkspacesIpGroup::group_id,
        found: |g| g.group_name().is_some(),
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
    let mut groups = describe_ip_groups(client, ids).await?;
    groups.sort_by_key(|g| ids.iter().position(|id| g.group_id() == Some(id.as_str())));
    for id in ids {
        if !groups.iter().any(|g| g.group_id() == Some(id.as_str())) {
            groups.push(WorkspacesIpGroup::builder().group_id(id).build());
        }
    }
    Ok(groups)
}
