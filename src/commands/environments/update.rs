//! `wsfleet environments update`

use super::FieldArgs;
use crate::api::thin_client::{EnvironmentFields, get_environment, update_environment};
use crate::bulk::Executor;
use crate::bulk::targets::{Named, TargetArgs};
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::each_target;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::maintenance_window::WindowInput;
use crate::resources::ENVIRONMENTS;
use crate::scope::Service;
use crate::scope::route;
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments update a1b2c3d4e --name 'Front desk'
  wsfleet environments update a1b2c3d4e --maintenance-window 'custom,SAT-SUN,01:00-05:00,device'
  wsfleet environments update a1b2c3d4e --window-time 23:00-03:00    (days and clock stay)
  wsfleet environments update a1b2c3d4e b2c3d4e5f \\
      --update-mode use-desired --desired-software-set 312345";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// A new desktop to stream (ARN)
    #[arg(long, value_name = "ARN")]
    pub desktop_arn: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let (mut fields, window) = args.fields.parse()?;
    fields.desktop_arn = args
        .desktop_arn
        .as_deref()
        .map(|arn| validate::arn(arn, "--desktop-arn"))
        .transpose()?;
    super::check_endpoint_and_mode(&fields, false)?;
    if window.is_empty() && !changes_anything(&fields) {
        return Err(AppError::usage(
            "nothing to change: give at least one option, e.g. --name or --maintenance-window",
        ));
    }
    if args.targets.is_empty(args.bulk.resume.as_ref()) {
        return Err(AppError::usage(
            "which environments? Give environment IDs or --ids-from FILE|-",
        ));
    }
    let named = ENVIRONMENTS.targets(&args.targets, args.bulk.resume.as_ref())?;
    if fields.name.is_some() && named.len() > 1 {
        return Err(AppError::usage(format!(
            "--name would give {} environments the same name; rename one at a time",
            named.len()
        )));
    }
    if args.change.dry_run {
        let listed: Vec<String> = named.iter().map(Named::describe).collect();
        ctx.printer.note(format!(
            "dry run: would update {} environment(s): {}; nothing was changed",
            named.len(),
            listed.join(", ")
        ));
        return Ok(());
    }

    let routed = route(ctx, Service::ThinClient, named).await?;
    let places = &routed.places;
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run("update", routed.targets(), |batch| {
            each_target(batch, |target| {
                let (client, fields, window) = (places.thin_client(target.place), &fields, &window);
                async move {
                    let mut fields = fields.clone();
                    // Parts of a window keep the rest of each environment's current one.
                    if !window.is_empty() {
                        let current = get_environment(client, &target.id).await?;
                        let base = current
                            .maintenance_window()
                            .map(WindowInput::from_sdk)
                            .unwrap_or_default();
                        fields.maintenance_window = Some(window.clone().over(base).to_sdk()?);
                    }
                    update_environment(client, &target.id, &fields)
                        .await
                        .map(drop)
                }
            })
        })
        .await?;
    report.finish(ctx)
}

fn changes_anything(fields: &EnvironmentFields) -> bool {
    fields.name.is_some()
        || fields.desktop_arn.is_some()
        || fields.desktop_endpoint.is_some()
        || fields.update_schedule.is_some()
        || fields.update_mode.is_some()
        || fields.desired_software_set_id.is_some()
        || fields.device_creation_tags.is_some()
}
