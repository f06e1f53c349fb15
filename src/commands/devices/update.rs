//! `wsfleet devices update`

use aws_sdk_workspacesthinclient::types::SoftwareSetUpdateSchedule;

use super::UpdateScheduleArg;
use super::filter::{Filter, FilterArgs, device_plan, named_ids, resolve_placed};
use crate::api::thin_client::{DeviceChanges, update_device};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::SoftwareSetId;
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices update 0123456789abcdefghijklmn --name 'Lobby kiosk 3'
  wsfleet devices update --environment a1b2c3d4e --software-set 312345
  wsfleet devices list --status registered -o json | wsfleet devices update --ids-from - \\
      --update-schedule apply-immediately";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// The new name (one device at a time)
    #[arg(long)]
    pub name: Option<String>,

    /// The software set to install (its ID)
    #[arg(long, value_name = "SOFTWARE_SET_ID")]
    pub software_set: Option<SoftwareSetId>,

    /// When software updates are applied
    #[arg(long)]
    pub update_schedule: Option<UpdateScheduleArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let changes = DeviceChanges {
        name: args
            .name
            .as_deref()
            .map(|n| validate::resource_name(n, "device", false))
            .transpose()?,
        desired_software_set_id: args.software_set.map(String::from),
        update_schedule: args
            .update_schedule
            .map(|s| SoftwareSetUpdateSchedule::from(s.api_value())),
    };
    if changes.name.is_none()
        && changes.desired_software_set_id.is_none()
        && changes.update_schedule.is_none()
    {
        return Err(AppError::usage(
            "nothing to change: give --name, --software-set or --update-schedule",
        ));
    }
    let filter = Filter::new(&args.filters, None)?;
    let ids = named_ids(&args.targets, &filter, args.bulk.resume.as_ref())?;

    // Checked on the IDs first, so naming several is refused before any request.
    same_name_refused(&changes, ids.len())?;
    let (places, devices) = resolve_placed(ctx, ids, &filter, args.change, &args.bulk).await?;
    same_name_refused(&changes, devices.len())?;
    let plan = device_plan("update", devices, |row, device| {
        row.change("name", device.name(), changes.name.as_deref())
            .change(
                "software set",
                device.desired_software_set_id(),
                changes.desired_software_set_id.as_deref(),
            )
            .change(
                "update schedule",
                device.software_set_update_schedule().map(|s| s.as_str()),
                changes.update_schedule.as_ref().map(|s| s.as_str()),
            )
            .settle_unchanged();
    });
    if !confirm_plan(ctx, &args.change.into(), None, &places, &plan)? {
        return Ok(());
    }
    let (executor, targets) = plan.executor(ctx, &args.bulk, &places, 1);
    let report = executor
        .run("update", targets, |batch| {
            each_target(batch, |target| {
                let (client, changes) = (places.thin_client(target.place), &changes);
                async move { update_device(client, &target.id, changes).await }
            })
        })
        .await?;
    report.finish(ctx)
}

fn same_name_refused(changes: &DeviceChanges, targets: usize) -> Result<()> {
    if changes.name.is_some() && targets > 1 {
        return Err(AppError::usage(format!(
            "--name would give {targets} devices the same name; rename one device at a time"
        )));
    }
    Ok(())
}
