//! `wsfleet connection-aliases associate`: one call an alias, through the
//! bulk executor; each association's connection identifier is shown.

use std::sync::Mutex;

use aws_sdk_workspaces::types::ConnectionAlias;

use super::described;
use crate::api::connection_aliases::associate_connection_alias;
use crate::bulk::targets::TargetArgs;
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ChangeArgs, ConfirmArgs};
use crate::commands::plan::{each_target, ids_of};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::{CONNECTION_ALIASES, DirectoryId};
use crate::scope::{Service, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases associate wsca-abcdefgh1 --to-directory d-1234567890
  wsfleet connection-aliases associate --ids-from aliases.txt --to-directory d-1234567890 --dry-run";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    // Not `--directory`: in `connection-aliases list` that filters.
    /// The directory to associate them with (d-… or wsd-…, in the aliases' region)
    #[arg(long = "to-directory", value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let named = CONNECTION_ALIASES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the connection aliases to associate: IDs or --ids-from FILE",
        ));
    }
    let directory = args.directory.to_string();
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let items = places
        .gather(routed.ids, |place, ids| {
            described(places.workspaces(place).clone(), ids)
        })
        .await?;
    let flags = ConfirmArgs::from(args.change);
    let action = format!("associate (with {directory})");
    if flags.dry_run() && !show_plan(ctx, &flags, &action, places, &items)? {
        return Ok(());
    }
    let identifiers = &Mutex::new(Vec::new());
    let directory = &directory;
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run(
            "associate",
            ids_of(&items, ConnectionAlias::alias_id),
            |batch| {
                each_target(batch, |target| {
                    let client = places.workspaces(target.place).clone();
                    async move {
                        let identifier =
                            associate_connection_alias(&client, &target.id, directory).await?;
                        if let Ok(mut identifiers) = identifiers.lock() {
                            identifiers.push((target.id, identifier));
                        }
                        Ok(())
                    }
                })
            },
        )
        .await?;
    for (alias_id, identifier) in identifiers.lock().map(|i| i.clone()).unwrap_or_default() {
        ctx.printer.note(format!(
            "{alias_id} associated with {directory}: connection identifier {identifier}"
        ));
    }
    report.finish(ctx)
}
