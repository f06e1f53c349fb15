//! `wsfleet images applications`

use aws_sdk_workspaces::types::ImageResourceAssociation;

use crate::api::workspaces::image_associations;
use crate::commands::workspaces::applications::write_list;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images applications wsi-abcdefgh1";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The image ID
    #[arg(value_name = "IMAGE_ID")]
    pub id: ImageId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<ImageResourceAssociation>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let associations = image_associations(&client, &args.id).await?;
    write_list(ctx, writer, &associations, "no applications associated").await
}
