//! `wsfleet images delete`

use crate::api::WorkspacesClient as Client;
use aws_sdk_workspaces::types::WorkspaceImage;

use std::collections::HashMap;

use crate::api::workspaces::{delete_image, describe_bundles, describe_images};
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
        id_of: WorkspaceImage::image_id,
        found: |i| i.state().is_some(),
        blocked_by: Some(|client, ids| Box::pin(async move { in_use(&client, &ids).await })),
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

/// The images of `ids` a bundle of the account is made from: the service
/// refuses to delete them until the bundle is gone.
async fn in_use(client: &Client, ids: &[String]) -> Result<HashMap<String, String>> {
    let mut blocked = HashMap::new();
    for bundle in describe_bundles(client).await? {
        if let (Some(image), Some(bundle_id)) = (bundle.image_id(), bundle.bundle_id())
            && ids.iter().any(|id| id == image)
        {
            blocked
                .entry(image.to_owned())
                .or_insert_with(|| format!("used by bundle {bundle_id} (delete the bundle first)"));
        }
    }
    Ok(blocked)
}
