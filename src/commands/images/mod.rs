//! `wsfleet images`: WorkSpace images.

pub mod applications;
pub mod create_updated;
pub mod delete;
pub mod get;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{AppError, Result};
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
    /// Delete images
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
}

pub async fn run(command: ImagesCommand, ctx: &Context) -> Result<()> {
    match command {
        ImagesCommand::List(args) => list::run(args, ctx).await,
        ImagesCommand::Get(args) => get::run(args, ctx).await,
        ImagesCommand::Applications(args) => applications::run(args, ctx).await,
        ImagesCommand::CreateUpdated(args) => create_updated::run(args, ctx).await,
        ImagesCommand::Delete(args) => delete::run(args, ctx).await,
    }
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
