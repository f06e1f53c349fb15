//! `wsfleet images list`

use aws_sdk_workspaces::types::WorkspaceImage;

use crate::api::workspaces::{ImageQuery, images};
use crate::commands::workspaces::ImageTypeArg;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{ImageId, strings};
use crate::scope::{self, Filtered, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images list
  wsfleet images list --type owned --updates-available
  wsfleet images list --ids wsi-abcdefgh1 -o json | jq '.[].Updates'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only owned or only shared images (sent to the API)
    #[arg(long = "type")]
    pub image_type: Option<ImageTypeArg>,

    /// Only these images (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "IMAGE_ID,...")]
    pub ids: Vec<ImageId>,

    /// Only images with updated drivers or agents available (Updates.UpdateAvailable)
    #[arg(long)]
    pub updates_available: bool,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let query = ImageQuery {
        ids: strings(args.ids),
        image_type: args.image_type.map(ImageTypeArg::to_sdk),
    };
    let writer = ctx
        .printer
        .list::<WorkspaceImage>(View::List { details: false })?;
    let updates_available = args.updates_available;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| Filtered {
            source: images(session.workspaces(), query.clone()),
            keep: |image: &WorkspaceImage| {
                !updates_available
                    || image.updates().and_then(|u| u.update_available()) == Some(true)
            },
        },
        "images",
    )
    .await
}
