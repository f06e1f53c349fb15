//! `wsfleet software-sets update`

use aws_sdk_workspacesthinclient::types::{SoftwareSet, SoftwareSetValidationStatus};

use crate::api::thin_client::{software_sets_with_details, update_software_set};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::send_each;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::resources::SOFTWARE_SETS;
use crate::scope::{PlaceId, Service, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet software-sets update 312345 --validation-status validated
  wsfleet software-sets update 312345 312362 --validation-status not-validated";

api_enum!(
    /// A software set's validation status
    ValidationStatusArg,
    SoftwareSetValidationStatus
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Whether you have validated the software set on your devices
    #[arg(long)]
    pub validation_status: ValidationStatusArg,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.targets.is_empty(args.bulk.resume.as_ref()) {
        return Err(AppError::usage(
            "which software sets? Give software set IDs or --ids-from FILE|-",
        ));
    }
    let named = SOFTWARE_SETS.targets(&args.targets, args.bulk.resume.as_ref())?;
    let status = SoftwareSetValidationStatus::from(args.validation_status.api_value());
    let routed = route(ctx, Service::ThinClient, named).await?;
    let places = &routed.places;
    let rows = places
        .gather(routed.ids, |place, ids| {
            let (client, status) = (places.thin_client(place), &status);
            let concurrency = args.bulk.concurrency.get();
            async move {
                let stand_ins = ids.iter().map(|id| SoftwareSet::builder().id(id).build());
                let found =
                    software_sets_with_details(client, stand_ins.collect(), concurrency).await?;
                Ok(found
                    .into_iter()
                    .map(|set| planned(place, set, status))
                    .collect())
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
            let (client, status) = (places.thin_client(target.place), status.clone());
            async move { update_software_set(client, &target.id, status).await }
        },
    )
    .await
}

/// A software set as the plan marks it: its validation status before →
/// after; left out when it already has it.
fn planned(
    place: PlaceId,
    set: SoftwareSet,
    status: &SoftwareSetValidationStatus,
) -> Planned<SoftwareSet> {
    let id = set.id().unwrap_or_default().to_owned();
    if set.arn().is_none() {
        return Planned::not_found(place, id, set);
    }
    let before = set.validation_status().map(|s| s.as_str().to_owned());
    let mut row = Planned::found(place, id, set);
    row.change("validation status", before, Some(status.as_str()))
        .settle_unchanged();
    row
}
