//! `wsfleet directories deregister`: WorkSpaces can no longer be launched
//! in the directory, so it asks first.

use std::collections::HashSet;

use aws_sdk_workspaces::types::WorkspaceDirectory;

use super::described;
use crate::api::directories::deregister_directory;
use crate::api::workspaces::service_error;
use crate::bulk::targets::TargetArgs;
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{each_target, ids_of};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::DIRECTORIES;
use crate::scope::{PlaceId, Service, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories deregister d-1234567890 --dry-run
  wsfleet directories deregister wsd-abcdefgh1 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "deregister")?;
    let named = DIRECTORIES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the directories to deregister: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let directories = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    if !show_plan(ctx, &args.confirm, "deregister", places, &directories)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "deregister", directories.len())?;
    let found: HashSet<(PlaceId, &str)> = directories
        .iter()
        .filter(|d| d.item.state().is_some())
        .filter_map(|d| Some((d.place, d.item.directory_id()?)))
        .collect();
    // One directory a call; one the describe did not find fails unsent.
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run(
            "deregister",
            ids_of(&directories, WorkspaceDirectory::directory_id),
            |batch| {
                each_target(batch, |target| {
                    let client = places.workspaces(target.place);
                    let known = found.contains(&(target.place, target.id.as_str()));
                    async move {
                        if !known {
                            return Err(service_error(
                                "DescribeWorkspaceDirectories",
                                "ResourceNotFoundException",
                                &format!("no directory {}", target.id),
                            ));
                        }
                        deregister_directory(client, &target.id).await
                    }
                })
            },
        )
        .await?;
    report.finish(ctx)
}
