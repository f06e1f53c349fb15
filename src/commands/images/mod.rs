//! `wsfleet images`: WorkSpace images.

pub mod applications;
pub mod create_updated;
pub mod delete;
pub mod get;
pub mod list;

use clap::Subcommand;

use super::tagging;

use crate::context::Context;
use crate::error::Result;
use crate::resources::IMAGES;

/// The end of `wsfleet images --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet images list --type owned --updates-available
  wsfleet images create-updated wsi-abcdefgh1 --name win10-2024-06 --description 'June drivers'
  wsfleet images delete wsi-abcdefgh1 --yes";

#[derive(Debug, Subcommand)]
pub enum ImagesCommand {
    /// List images (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one image
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// The applications associated with one image
    #[command(after_long_help = applications::EXAMPLES)]
    Applications(applications::Args),
    /// Create an image with the latest WorkSpaces drivers and agents from an existing one
    #[command(after_long_help = create_updated::EXAMPLES)]
    CreateUpdated(create_updated::Args),
    /// Delete images
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// List an image's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on images
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from images
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: ImagesCommand, ctx: &Context) -> Result<()> {
    match command {
        ImagesCommand::List(args) => list::run(args, ctx).await,
        ImagesCommand::Get(args) => get::run(args, ctx).await,
        ImagesCommand::Applications(args) => applications::run(args, ctx).await,
        ImagesCommand::CreateUpdated(args) => create_updated::run(args, ctx).await,
        ImagesCommand::Delete(args) => delete::run(args, ctx).await,
        ImagesCommand::Tags(args) => tagging::tags(args, &IMAGES, ctx).await,
        ImagesCommand::Tag(args) => tagging::tag(args, &IMAGES, ctx).await,
        ImagesCommand::Untag(args) => tagging::untag(args, &IMAGES, ctx).await,
    }
}
