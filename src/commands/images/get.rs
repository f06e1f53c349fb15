//! `wsfleet images get`

use aws_sdk_workspaces::types::WorkspaceImage;

use crate::api::workspaces::get_image;
use crate::context::Context;
use crate::error::Result;
use crate::output::{Selection, View, write_one};
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
    let selection =
        Selection::<WorkspaceImage>::resolve(ctx.output.columns.as_deref(), View::Detail, false)?;
    let client = ctx.workspaces().await?;
    let image = get_image(&client, &args.id).await?;
    write_one(&selection, &ctx.output, &image, ctx.stdout())
}
