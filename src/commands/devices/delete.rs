//! `wsfleet devices delete`

use super::filter::{
    Filter, FilterArgs, Lookup, NameFilterArgs, device_plan, named_ids, resolve_placed,
};
use crate::api::thin_client::delete_device;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::Result;
use crate::prompt;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices delete 0123456789abcdefghijklmn
  wsfleet devices delete --status archived --dry-run
  wsfleet devices delete --environment a1b2c3d4e --status deregistered --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub names: NameFilterArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let filter = Filter::new(&args.filters, Some(&args.names))?;
    let ids = named_ids(&args.targets, &filter, args.bulk.resume.as_ref())?;
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "delete")?;

    let (places, devices) = resolve_placed(
        ctx,
        ids,
        &filter,
        args.confirm.change,
        Lookup::Every,
        &args.bulk,
    )
    .await?;
    // The service refuses to delete a device until it is deregistered.
    let plan = device_plan("delete", devices, true, |row, device| {
        row.needs_state(
            device.status().map(|s| s.as_str()),
            "delete",
            &["DEREGISTERED", "ARCHIVED"],
        );
    });
    if !confirm_plan(ctx, &args.confirm, Some(&*prompter), &places, &plan).await? {
        return Ok(());
    }
    let (executor, targets) = plan.executor(ctx, &args.bulk, &places, 1);
    let report = executor
        .run("delete", targets, |batch| {
            each_target(batch, |target| {
                let client = places.thin_client(target.place);
                async move { delete_device(client, &target.id, &target.client_token).await }
            })
        })
        .await?;
    report.finish(ctx)
}
