//! `wsfleet devices update`

use aws_sdk_workspacesthinclient::types::SoftwareSetUpdateSchedule;

use super::UpdateScheduleArg;
use super::filter::{
    Filter, FilterArgs, Lookup, NameFilterArgs, device_plan, named_ids, resolve_placed,
};
use crate::api::thin_client::{DeviceChanges, update_device};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, CHANGES, ChangeArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::SoftwareSetId;
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices update 0123456789abcdefghijklmn --set-name 'Lobby kiosk 3'
  wsfleet devices update --name 'RET-*' --set-software-set 312345
  wsfleet devices update --environment a1b2c3d4e --set-update-schedule apply-immediately";

/// Why `--environment` selects here: an admin may read it as "move to".
pub const ABOUT: &str = "\
Rename devices, or set their software set or update schedule.

The filters select the devices as `devices list` does; the changes are the `--set-…` flags. \
The API cannot move a device to another environment: `--environment` only selects the devices \
in it. A device joins an environment when it is registered with that environment's activation \
code.";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub names: NameFilterArgs,

    /// The new name (one device at a time)
    #[arg(long = "set-name", value_name = "NAME", help_heading = CHANGES)]
    pub new_name: Option<String>,

    /// The software set to install (its ID)
    #[arg(long = "set-software-set", value_name = "SOFTWARE_SET_ID", help_heading = CHANGES)]
    pub new_software_set: Option<SoftwareSetId>,

    /// When software updates are applied
    #[arg(long = "set-update-schedule", alias = "update-schedule", help_heading = CHANGES)]
    pub update_schedule: Option<UpdateScheduleArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let changes = DeviceChanges {
        name: args
            .new_name
            .as_deref()
            .map(|n| validate::resource_name(n, "device", false))
            .transpose()?,
        desired_software_set_id: args.new_software_set.map(String::from),
        update_schedule: args
            .update_schedule
            .map(|s| SoftwareSetUpdateSchedule::from(s.api_value())),
    };
    if changes.name.is_none()
        && changes.desired_software_set_id.is_none()
        && changes.update_schedule.is_none()
    {
        return Err(AppError::usage(
            "nothing to change: give --set-name, --set-software-set or --set-update-schedule",
        ));
    }
    let filter = Filter::new(&args.filters, Some(&args.names))?;
    let ids = named_ids(&args.targets, &filter, args.bulk.resume.as_ref())?;

    // Checked on the IDs first, so naming several is refused before any request.
    same_name_refused(&changes, ids.len())?;
    let (places, devices) =
        resolve_placed(ctx, ids, &filter, args.change, Lookup::Every, &args.bulk).await?;
    same_name_refused(&changes, devices.len())?;
    let plan = device_plan("update", devices, true, |row, device| {
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
    if !confirm_plan(ctx, &args.change.into(), None, &places, &plan).await? {
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
            "--set-name would give {targets} devices the same name; rename one device at a time"
        )));
    }
    Ok(())
}
