//! `wsfleet environments update`

use super::FieldArgs;
use std::collections::HashMap;

use aws_sdk_workspacesthinclient::types::{Environment, MaintenanceWindow};

use crate::api::thin_client::{
    EnvironmentFields, environments_with_details, get_environment, update_environment,
};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::send_each;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::maintenance_window::{WindowInput, describe};
use crate::resources::ENVIRONMENTS;
use crate::scope::Service;
use crate::scope::{PlaceId, route};
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
    let routed = route(ctx, Service::ThinClient, named).await?;
    let places = &routed.places;
    let rows = places
        .gather(routed.ids, |place, ids| {
            let (client, fields, window) = (places.thin_client(place), &fields, &window);
            let concurrency = args.bulk.concurrency.get();
            async move {
                let stand_ins = ids.iter().map(|id| Environment::builder().id(id).build());
                let found =
                    environments_with_details(client, stand_ins.collect(), concurrency).await?;
                found
                    .into_iter()
                    .map(|environment| planned(place, environment, fields, window))
                    .collect::<Result<Vec<_>>>()
            }
        })
        .await?;
    let plan = Plan::new("update", rows.into_iter().map(|p| p.item).collect());
    send_each(
        ctx,
        (&args.change.into(), None),
        (places, &args.bulk),
        ("update", plan),
        |target| {
            let (client, fields, window) = (places.thin_client(target.place), &fields, &window);
            async move {
                let mut fields = fields.clone();
                // Parts of a window keep the rest of each environment's current one.
                if !window.is_empty() {
                    let current = get_environment(client, &target.id).await?;
                    fields.maintenance_window = Some(window_over(window, &current)?);
                }
                update_environment(client, &target.id, &fields)
                    .await
                    .map(drop)
            }
        },
    )
    .await
}

/// The window an environment gets: the parts given over its current one.
fn window_over(window: &WindowInput, current: &Environment) -> Result<MaintenanceWindow> {
    let base = current
        .maintenance_window()
        .map(WindowInput::from_sdk)
        .unwrap_or_default();
    window.clone().over(base).to_sdk()
}

/// An environment as the plan updates it: each field given, before → after;
/// left out when every one already has its value.
fn planned(
    place: PlaceId,
    environment: Environment,
    fields: &EnvironmentFields,
    window: &WindowInput,
) -> Result<Planned<Environment>> {
    let id = environment.id().unwrap_or_default().to_owned();
    if environment.arn().is_none() {
        return Ok(Planned::not_found(place, id, environment));
    }
    let new_window = if window.is_empty() {
        None
    } else {
        Some(describe(&window_over(window, &environment)?))
    };
    let tags = |tags: Option<&HashMap<String, String>>| {
        tags.map(|tags| {
            let mut pairs: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
            pairs.sort();
            pairs.join(",")
        })
    };
    let e = &environment;
    let (name, arn, endpoint) = (e.name(), e.desktop_arn(), e.desktop_endpoint());
    let schedule = e.software_set_update_schedule().map(|s| s.as_str());
    let mode = e.software_set_update_mode().map(|m| m.as_str());
    let desired = e.desired_software_set_id();
    let window_now = e.maintenance_window().map(describe);
    let tags_now = tags(e.device_creation_tags());
    let mut row = Planned::found(place, id, environment.clone());
    row.change("name", name, fields.name.as_deref())
        .change("desktop ARN", arn, fields.desktop_arn.as_deref())
        .change(
            "desktop endpoint",
            endpoint,
            fields.desktop_endpoint.as_deref(),
        )
        .change(
            "update schedule",
            schedule,
            fields.update_schedule.as_ref().map(|s| s.as_str()),
        )
        .change(
            "update mode",
            mode,
            fields.update_mode.as_ref().map(|m| m.as_str()),
        )
        .change(
            "software set",
            desired,
            fields.desired_software_set_id.as_deref(),
        )
        .change("maintenance window", window_now, new_window)
        .change(
            "device creation tags",
            tags_now,
            tags(fields.device_creation_tags.as_ref()),
        )
        .settle_unchanged();
    Ok(row)
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
