//! `wsfleet environments delete`

use std::collections::HashMap;

use crate::api::ThinClient as Client;
use aws_sdk_workspacesthinclient::types::Environment;

use crate::api::thin_client::{delete_environment, environments};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::ENVIRONMENTS;
use crate::scope::Service;
use crate::scope::route;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments delete a1b2c3d4e
  wsfleet environments delete a1b2c3d4e b2c3d4e5f --dry-run
  wsfleet environments delete --ids-from old-environments.txt --yes";

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
    if args.targets.is_empty(args.bulk.resume.as_ref()) {
        return Err(AppError::usage(
            "which environments? Give environment IDs or --ids-from FILE|-",
        ));
    }
    let named = ENVIRONMENTS.targets(&args.targets, args.bulk.resume.as_ref())?;
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "delete")?;

    let routed = route(ctx, Service::ThinClient, named).await?;
    let places = &routed.places;
    let environments = places
        .gather(routed.ids, |place, ids| {
            let client = places.thin_client(place);
            async move { described(client, &ids).await }
        })
        .await?;
    let rows = environments
        .into_iter()
        .map(|placed| {
            let id = placed.item.id().unwrap_or_default().to_owned();
            match placed.item.arn() {
                Some(_) => Planned::found(placed.place, id, placed.item),
                None => Planned::not_found(placed.place, id, placed.item),
            }
        })
        .collect();
    let plan = Plan::new("delete", rows);
    if !confirm_plan(ctx, &args.confirm, Some(&*prompter), places, &plan).await? {
        return Ok(());
    }
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, 1);
    let report = executor
        .run("delete", targets, |batch| {
            each_target(batch, |target| {
                let client = places.thin_client(target.place);
                async move { delete_environment(client, &target.id, &target.client_token).await }
            })
        })
        .await?;
    report.finish(ctx)
}

/// The environments named, as the listing describes them, in the order
/// named. An ID the listing does not know stays, with only its ID: the plan
/// marks it not found.
async fn described(client: &Client, ids: &[String]) -> Result<Vec<Environment>> {
    let mut known: HashMap<String, Environment> = environments(client)
        .all()
        .await?
        .into_iter()
        .filter_map(|e| e.id().map(str::to_owned).map(|id| (id, e)))
        .collect();
    Ok(ids
        .iter()
        .map(|id| {
            known
                .remove(id)
                .unwrap_or_else(|| Environment::builder().id(id).build())
        })
        .collect())
}
