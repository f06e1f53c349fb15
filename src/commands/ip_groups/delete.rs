//! `wsfleet ip-groups delete`

use std::collections::HashSet;

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use crate::api::WorkspacesClient as Client;
use crate::api::ip_groups::{delete_ip_group, describe_ip_groups};
use crate::api::workspaces::service_error;
use crate::bulk::targets::TargetArgs;
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{each_target, ids_of};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::IP_GROUPS;
use crate::scope::{PlaceId, Service, route};

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
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "delete")?;
    let named = IP_GROUPS.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the IP groups to delete: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let groups = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    if !show_plan(ctx, &args.confirm, "delete", places, &groups)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "delete", groups.len())?;
    let found: HashSet<(PlaceId, &str)> = groups
        .iter()
        .filter(|g| g.item.group_name().is_some())
        .filter_map(|g| Some((g.place, g.item.group_id()?)))
        .collect();
    // DeleteIpGroup takes one group a call; a group the describe did not
    // find fails here, unsent, with the code the service would give.
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run("delete", ids_of(&groups, |g| g.group_id()), |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place);
                let known = found.contains(&(target.place, target.id.as_str()));
                async move {
                    if !known {
                        return Err(service_error(
                            "DescribeIpGroups",
                            "ResourceNotFoundException",
                            &format!("no IP group {}", target.id),
                        ));
                    }
                    delete_ip_group(client, &target.id).await
                }
            })
        })
        .await?;
    report.finish(ctx)
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
