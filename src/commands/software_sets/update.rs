//! `wsfleet software-sets update`

use aws_sdk_workspacesthinclient::types::SoftwareSetValidationStatus;

use crate::api::thin_client::update_software_set;
use crate::bulk::Executor;
use crate::bulk::targets::{Named, TargetArgs};
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::each_target;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::resources::SOFTWARE_SETS;
use crate::scope::Service;
use crate::scope::route;

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
    if args.change.dry_run {
        let listed: Vec<String> = named.iter().map(Named::describe).collect();
        ctx.printer.note(format!(
            "dry run: would mark {} software set(s) {}: {}; nothing was changed",
            named.len(),
            status.as_str(),
            listed.join(", ")
        ));
        return Ok(());
    }
    let routed = route(ctx, Service::ThinClient, named).await?;
    let places = &routed.places;
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run("update", routed.targets(), |batch| {
            each_target(batch, |target| {
                let (client, status) = (places.thin_client(target.place), status.clone());
                async move { update_software_set(client, &target.id, status).await }
            })
        })
        .await?;
    report.finish(ctx)
}
