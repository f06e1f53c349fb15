//! `wsfleet bundles delete`

use crate::api::WorkspacesClient as Client;
use aws_sdk_workspaces::types::WorkspaceBundle;

use std::collections::HashSet;

use crate::api::bundles::{bundles_by_id, delete_bundle};
use crate::api::workspaces::service_error;
use crate::bulk::targets::TargetArgs;
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{each_target, ids_of, in_order_asked};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::BUNDLES;
use crate::scope::Service;
use crate::scope::{PlaceId, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles delete wsb-abcdefgh1 --dry-run
  wsfleet bundles list --owner self -o json | wsfleet bundles delete --ids-from - --yes";

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
    let named = BUNDLES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the bundles to delete: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let bundles = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    if !show_plan(ctx, &args.confirm, "delete", places, &bundles)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "delete", bundles.len())?;
    let found: HashSet<(PlaceId, &str)> = bundles
        .iter()
        .filter(|b| b.item.state().is_some())
        .filter_map(|b| Some((b.place, b.item.bundle_id()?)))
        .collect();
    // DeleteWorkspaceBundle takes one bundle a call; one the describe did
    // not find fails here, unsent, with the code the service would give.
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run("delete", ids_of(&bundles, |b| b.bundle_id()), |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place);
                let known = found.contains(&(target.place, target.id.as_str()));
                async move {
                    if !known {
                        return Err(service_error(
                            "DescribeWorkspaceBundles",
                            "ResourceNotFoundException",
                            &format!("no bundle {}", target.id),
                        ));
                    }
                    delete_bundle(client, &target.id).await
                }
            })
        })
        .await?;
    report.finish(ctx)
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
