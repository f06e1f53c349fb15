//! `wsfleet images delete`

use crate::api::WorkspacesClient as Client;
use aws_sdk_workspaces::types::WorkspaceImage;

use std::collections::HashSet;

use crate::api::workspaces::{delete_image, describe_images, service_error};
use crate::bulk::targets::TargetArgs;
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{each_target, ids_of, in_order_asked};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::IMAGES;
use crate::scope::Service;
use crate::scope::{PlaceId, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images delete wsi-abcdefgh1 --dry-run
  wsfleet images list --type owned -o json | wsfleet images delete --ids-from - --yes";

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
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "delete")?;
    let named = IMAGES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the images to delete: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let images = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    if !show_plan(ctx, &args.confirm, "delete", places, &images)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "delete", images.len())?;
    let found: HashSet<(PlaceId, &str)> = images
        .iter()
        .filter(|i| i.item.state().is_some())
        .filter_map(|i| Some((i.place, i.item.image_id()?)))
        .collect();
    // DeleteWorkspaceImage takes one image a call, and answers success for
    // an image that is not there: one the describe did not find fails here,
    // unsent, rather than being reported deleted.
    let report = Executor::for_verb(ctx, &args.bulk, places, 1)
        .run("delete", ids_of(&images, |i| i.image_id()), |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place);
                let known = found.contains(&(target.place, target.id.as_str()));
                async move {
                    if !known {
                        return Err(service_error(
                            "DescribeWorkspaceImages",
                            "ResourceNotFoundException",
                            &format!("no image {}", target.id),
                        ));
                    }
                    delete_image(client, &target.id).await
                }
            })
        })
        .await?;
    report.finish(ctx)
}

/// The images named, described, in the order asked; an image the service
/// does not know stays in the plan (with no state) and fails as not found.
async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceImage>> {
    let found = describe_images(client, ids).await?;
    Ok(in_order_asked(ids, found, WorkspaceImage::image_id, |id| {
        WorkspaceImage::builder().image_id(id).build()
    }))
}
