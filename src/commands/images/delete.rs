//! `wsfleet images delete`

use crate::api::workspaces::{delete_image, describe_images};
use crate::bulk::{Executor, show_plan};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::targets::TargetArgs;
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images delete wsi-abcdefgh1 --dry-run
  wsfleet images list --type owned -o json | wsfleet images delete --ids-from - --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(ctx.yes, ctx.dry_run, "delete")?;
    let ids = args.targets.collect(&["ImageId"], validate::image_id)?;
    if ids.is_empty() {
        return Err(AppError::usage(
            "name the images to delete: IDs or --ids-from FILE",
        ));
    }
    let client = ctx.workspaces().await?;
    let mut images = describe_images(&client, &ids).await?;
    // The plan in the order asked; an image the service does not know is
    // still sent, so its failure is reported like any other.
    images.sort_by_key(|i| ids.iter().position(|id| i.image_id() == Some(id.as_str())));
    for id in &ids {
        if !images.iter().any(|i| i.image_id() == Some(id.as_str())) {
            images.push(
                aws_sdk_workspaces::types::WorkspaceImage::builder()
                    .image_id(id)
                    .build(),
            );
        }
    }
    if !show_plan(ctx, "delete", &images)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "delete", ids.len())?;
    // DeleteWorkspaceImage takes one image a call.
    let report = Executor::for_context(ctx, 1)
        .run("delete", ids, |batch| {
            let client = client.clone();
            async move {
                let mut results = Vec::with_capacity(batch.len());
                for target in batch {
                    let result = delete_image(&client, &target.id).await;
                    results.push((target.id, result));
                }
                results
            }
        })
        .await?;
    report.finish(ctx)
}
