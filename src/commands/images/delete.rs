//! `wsfleet images delete`

use crate::api::WorkspacesClient as Client;
use aws_sdk_workspaces::types::WorkspaceImage;

use crate::api::workspaces::{delete_image, describe_images};
use crate::commands::plan::{RemoveArgs, RemoveEach, in_order_asked, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::IMAGES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images delete wsi-abcdefgh1 --dry-run
  wsfleet images list --type owned -o json | wsfleet images delete --ids-from - --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "delete",
        kind: &IMAGES,
        describe_operation: "DescribeWorkspaceImages",
        id_of: WorkspaceImage::image_id,
        found: |i| i.state().is_some(),
    };
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| async move { delete_image(&client, &id).await },
    )
    .await
}

/// The images named, described, in the order asked; an image the service
/// does not know stays in the plan (with no state) and fails as not found.
async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceImage>> {
    let found = describe_images(client, ids).await?;
    Ok(in_order_asked(ids, found, WorkspaceImage::image_id, |id| {
        WorkspaceImage::builder().image_id(id).build()
    }))
}
