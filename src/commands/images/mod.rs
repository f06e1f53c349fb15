//! `wsfleet images`: WorkSpace images.

pub mod applications;
pub mod copy;
pub mod create;
pub mod create_updated;
pub mod delete;
pub mod get;
pub mod import;
pub mod import_custom;
pub mod import_status;
pub mod list;
pub mod permissions;
pub mod share;

use std::io::Write;
use std::time::Duration;

use clap::Subcommand;

use super::tagging;
use crate::api::WorkspacesClient;
use crate::api::workspaces::get_image;
use crate::commands::waiting::{self, Progress};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::IMAGES;
use crate::validate::printable;

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
    /// Create an image of a WorkSpace (the golden image)
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Import a bring-your-own-license image from an EC2 image
    #[command(after_long_help = import::EXAMPLES)]
    Import(import::Args),
    /// Import an image through an EC2 Image Builder infrastructure configuration
    #[command(after_long_help = import_custom::EXAMPLES)]
    ImportCustom(import_custom::Args),
    /// The progress of an `import-custom`
    #[command(after_long_help = import_status::EXAMPLES)]
    ImportStatus(import_status::Args),
    /// Copy an image to other regions
    #[command(after_long_help = copy::EXAMPLES)]
    Copy(copy::Args),
    /// The accounts an image is shared with
    #[command(after_long_help = permissions::EXAMPLES)]
    Permissions(permissions::Args),
    /// Share an image with other accounts (in the image's region)
    #[command(after_long_help = share::SHARE_EXAMPLES)]
    Share(share::Args),
    /// Stop sharing an image with other accounts
    #[command(after_long_help = share::UNSHARE_EXAMPLES)]
    Unshare(share::Args),
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
        ImagesCommand::Create(args) => create::run(args, ctx).await,
        ImagesCommand::Import(args) => import::run(args, ctx).await,
        ImagesCommand::ImportCustom(args) => import_custom::run(args, ctx).await,
        ImagesCommand::ImportStatus(args) => import_status::run(args, ctx).await,
        ImagesCommand::Copy(args) => copy::run(args, ctx).await,
        ImagesCommand::Permissions(args) => permissions::run(args, ctx).await,
        ImagesCommand::Share(args) => share::run(args, true, ctx).await,
        ImagesCommand::Unshare(args) => share::run(args, false, ctx).await,
        ImagesCommand::Delete(args) => delete::run(args, ctx).await,
        ImagesCommand::Tags(args) => tagging::tags(args, &IMAGES, ctx).await,
        ImagesCommand::Tag(args) => tagging::tag(args, &IMAGES, ctx).await,
        ImagesCommand::Untag(args) => tagging::untag(args, &IMAGES, ctx).await,
    }
}

/// An image being made in some region, polled there while it is waited for.
#[derive(Clone)]
pub struct RegionalImage {
    pub client: WorkspacesClient,
    pub image_id: String,
    /// How messages name it: the ID, with its region where there are several.
    pub label: String,
}

impl waiting::Target for RegionalImage {
    fn name(&self) -> &str {
        &self.label
    }
}

/// Writes a new image's ID (the output, so `$(...)` captures it even when
/// waiting fails), then with `--wait` waits for it to become AVAILABLE.
pub async fn announce_and_wait(
    ctx: &Context,
    client: WorkspacesClient,
    image_id: String,
    wait: &crate::commands::waiting::WaitArgs,
) -> Result<()> {
    let mut out = ctx.printer.stdout();
    writeln!(out, "{image_id}")?;
    out.flush()?;
    let Some(timeout) = wait.timeout() else {
        return Ok(());
    };
    let label = image_id.clone();
    let image = RegionalImage {
        client,
        image_id,
        label,
    };
    wait_available(ctx, vec![image], timeout).await
}

/// Waits, through the one wait engine, until every image is AVAILABLE (or ERROR).
pub async fn wait_available(
    ctx: &Context,
    images: Vec<RegionalImage>,
    timeout: Duration,
) -> Result<()> {
    let goal = waiting::Goal {
        noun: "image",
        goal: "become AVAILABLE",
        timeout,
    };
    waiting::until(ctx, images, &goal, |going| {
        waiting::each(4, going, |image| async move {
            let image = get_image(&image.client, &image.image_id).await?;
            Ok(match image.state().map(|s| s.as_str()) {
                Some("AVAILABLE") => Progress::Done,
                Some("ERROR") => Progress::Failed(
                    image
                        .error_message()
                        .unwrap_or("no reason given")
                        .to_owned(),
                ),
                _ => Progress::Going,
            })
        })
    })
    .await
}

/// `--tag KEY=VALUE` flags, checked by WorkSpaces' tag rules.
pub fn tag_pairs(tags: &[String]) -> Result<Vec<(String, String)>> {
    tags.iter()
        .map(|t| crate::tags::pair(t, crate::tags::TagRules::WorkSpaces))
        .collect()
}

/// The API's patterns for an image's or a bundle's name and description
/// (an image's description may be 256 long, a bundle's 255).
pub fn check_name_and_description(
    name: &str,
    description: &str,
    description_max: usize,
) -> Result<()> {
    let name_ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./()-".contains(&b));
    if !name_ok {
        return Err(AppError::usage(format!(
            "invalid --name '{}': 1 to 64 letters, digits or _ . / ( ) -",
            printable(name)
        )));
    }
    let description_ok = (1..=description_max).contains(&description.len())
        && description
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./() -".contains(&b));
    if !description_ok {
        return Err(AppError::usage(format!(
            "invalid --description '{}': 1 to {description_max} letters, digits, spaces or _ . / ( ) -",
            printable(description)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions_follow_the_api_patterns() {
        assert!(check_name_and_description("win10-2024.06", "June drivers (v2)", 256).is_ok());
        assert!(check_name_and_description("has space", "d", 256).is_err());
        assert!(check_name_and_description("n", "", 256).is_err());
        assert!(check_name_and_description(&"n".repeat(65), "d", 256).is_err());
        assert!(check_name_and_description("n", &"d".repeat(256), 255).is_err());
    }
}
