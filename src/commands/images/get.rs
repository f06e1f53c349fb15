//! `wsfleet images get`

use aws_sdk_workspaces::types::WorkspaceImage;

use crate::api::workspaces::get_image;
use crate::context::Context;
use crate::error::Result;
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images get wsi-abcdefgh1
  wsfleet images get wsi-abcdefgh1 -o json | jq .Updates.UpdateAvailable";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The image ID
    #[arg(value_name = "IMAGE_ID")]
    pub id: ImageId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<WorkspaceImage>()?;
    let client = ctx.workspaces().await?;
    let image = get_image(&client, &args.id).await?;
    writer.write(&image)
}
