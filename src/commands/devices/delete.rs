//! `wsfleet devices delete`

use super::filter::{Filter, FilterArgs, NameFilterArgs, named_ids, resolve_placed};
use crate::api::thin_client::delete_device;
use crate::bulk::Executor;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{confirm, each_target, ids_of};
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

    let (places, devices) =
        resolve_placed(ctx, ids, &filter, args.confirm.change, &args.bulk).await?;
    if !confirm(ctx, &args.confirm, &*prompter, "delete", &places, &devices)? {
        return Ok(());
    }
    let report = Executor::for_verb(ctx, &args.bulk, &places, 1)
        .run("delete", ids_of(&devices, |d| d.id()), |batch| {
            each_target(batch, |target| {
                let client = places.thin_client(target.place);
                async move { delete_device(client, &target.id, &target.client_token).await }
            })
        })
        .await?;
    report.finish(ctx)
}
