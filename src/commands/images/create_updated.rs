//! `wsfleet images create-updated`

use super::{announce_and_wait, check_name_and_description, tag_pairs};
use crate::api::workspaces::{create_updated_image, tags};
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::Result;
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images create-updated wsi-abcdefgh1 --name win10-2024-06 --description 'June drivers'
  NEW=$(wsfleet images create-updated wsi-abcdefgh1 --name n --description d --wait)";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("2h")))]
pub struct Args {
    /// The image to update
    #[arg(value_name = "SOURCE_IMAGE_ID")]
    pub source: ImageId,

    /// Name of the new image (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the new image (up to 256 characters)
    #[arg(long)]
    pub description: String,

    /// A tag for the new image (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let source = args.source;
    check_name_and_description(&args.name, &args.description, 256)?;
    let tags = tags(&tag_pairs(&args.tags)?)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create an updated image '{}' from {source}; nothing was changed",
            args.name
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let image_id =
        create_updated_image(&client, &source, &args.name, &args.description, tags).await?;
    announce_and_wait(ctx, client, image_id, &args.wait).await
}
