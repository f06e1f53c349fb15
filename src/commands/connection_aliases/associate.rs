//! `wsfleet connection-aliases associate`: one call an alias, through the
//! bulk executor; each association's connection identifier is shown.

use std::sync::Mutex;

use aws_sdk_workspaces::types::ConnectionAlias;

use super::described;
use crate::api::connection_aliases::associate_connection_alias;
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::{CONNECTION_ALIASES, DirectoryId};
use crate::scope::{PlaceId, Service, route};

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
    let rows = places
        .gather(routed.ids, |place, ids| {
            let (client, directory) = (places.workspaces(place).clone(), &directory);
            async move {
                let found = described(client, ids).await?;
                Ok(found
                    .into_iter()
                    .map(|alias| planned(place, alias, directory))
                    .collect())
            }
        })
        .await?;
    let plan = Plan::new("associate", rows.into_iter().map(|p| p.item).collect());
    if !confirm_plan(ctx, &args.change.into(), None, places, &plan).await? {
        return Ok(());
    }
    let identifiers = &Mutex::new(Vec::new());
    let directory = &directory;
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, 1);
    let report = executor
        .run("associate", targets, |batch| {
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
        })
        .await?;
    for (alias_id, identifier) in identifiers.lock().map(|i| i.clone()).unwrap_or_default() {
        ctx.printer.note(format!(
            "{alias_id} associated with {directory}: connection identifier {identifier}"
        ));
    }
    report.finish(ctx)
}

/// An alias as the plan finds it: the directory it is associated with,
/// before → after; left out when it already is, when another directory
/// holds it (the service takes one association), or when it is not CREATED.
fn planned(place: PlaceId, alias: ConnectionAlias, directory: &str) -> Planned<ConnectionAlias> {
    let id = alias.alias_id().unwrap_or_default().to_owned();
    let Some(state) = alias.state().map(|s| s.as_str().to_owned()) else {
        return Planned::not_found(place, id, alias);
    };
    let current = alias
        .associations()
        .first()
        .and_then(|a| a.resource_id())
        .map(str::to_owned);
    let mut row = Planned::found(place, id, alias);
    row.change("directory", current.as_deref(), Some(directory))
        .settle_unchanged();
    if let Some(other) = current.filter(|c| c != directory) {
        row.leave_out(format!("associated with {other} (disassociate it first)"));
    }
    row.needs_state(Some(&state), "associate", &["CREATED"]);
    row
}
