//! `wsfleet devices deregister`

use aws_sdk_workspacesthinclient::types::TargetDeviceStatus;

use super::TargetStatusArg;
use super::filter::{
    Filter, FilterArgs, Lookup, NameFilterArgs, device_plan, named_ids, reads_listing,
    resolve_placed,
};
use crate::api::thin_client::{deregister_device, get_device};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::error::Result;
use crate::prompt;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices deregister 0123456789abcdefghijklmn
  wsfleet devices deregister --environment a1b2c3d4e --status registered --dry-run
  wsfleet devices deregister --ids-from lost.txt --target-status archived --yes --wait
  wsfleet devices list --name 'lab-*' -o json | wsfleet devices deregister --ids-from - --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub names: NameFilterArgs,

    /// The status to leave the devices in
    #[arg(long)]
    pub target_status: Option<TargetStatusArg>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let filter = Filter::new(&args.filters, Some(&args.names))?;
    let wait_timeout = args.wait.timeout();
    let ids = named_ids(&args.targets, &filter, args.bulk.resume.as_ref())?;
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "deregister")?;

    // Deregister judges no target by its state: a plan of IDs looks up only
    // the rows it shows before its question (none with `--yes`), unless the
    // listing is read anyway.
    let every_looked_up = reads_listing(&filter, args.confirm.change);
    let lookup = Lookup::shown_unless_answered(&args.confirm);
    let (places, devices) =
        resolve_placed(ctx, ids, &filter, args.confirm.change, lookup, &args.bulk).await?;
    let plan = device_plan("deregister", devices, every_looked_up, |_, _| {});
    if !confirm_plan(ctx, &args.confirm, Some(&*prompter), &places, &plan).await? {
        return Ok(());
    }
    let target_status = args
        .target_status
        .map(|s| TargetDeviceStatus::from(s.api_value()));
    let (executor, targets) = plan.executor(ctx, &args.bulk, &places, 1);
    let report =
        executor
            .run("deregister", targets, |batch| {
                each_target(batch, |target| {
                    let (client, status) =
                        (places.thin_client(target.place), target_status.clone());
                    async move {
                        deregister_device(client, &target.id, status, &target.client_token).await
                    }
                })
            })
            .await?;
    let deregistered = report.done();
    let interrupted = report.interrupted;
    let finished = report.finish(ctx);
    let Some(timeout) = wait_timeout.filter(|_| !interrupted && !deregistered.is_empty()) else {
        return finished;
    };
    let goal = args
        .target_status
        .map_or("DEREGISTERED", TargetStatusArg::api_value);
    let reach = format!("reach {goal}");
    let waited = waiting::until(
        ctx,
        deregistered,
        &waiting::Goal {
            noun: "devices",
            goal: &reach,
            timeout,
        },
        |going| {
            waiting::each(args.bulk.concurrency.get(), going, |target| {
                let client = places.thin_client(target.place);
                async move {
                    let device = get_device(client, &target.item).await?;
                    Ok(if device.status().map(|s| s.as_str()) == Some(goal) {
                        Progress::Done
                    } else {
                        Progress::Going
                    })
                }
            })
        },
    )
    .await;
    finished.and(waited)
}
