//! `wsfleet software-sets`: the software Thin Client devices run.

pub mod get;
pub mod list;
pub mod update;

use clap::Subcommand;

use super::tagging;
use crate::context::Context;
use crate::error::Result;
use crate::resources::SOFTWARE_SETS;

/// The end of `wsfleet software-sets --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet software-sets list
  wsfleet software-sets get 312345 -o json
  wsfleet software-sets update 312345 --validation-status validated --dry-run";

#[derive(Debug, Subcommand)]
pub enum SoftwareSetsCommand {
    /// List software sets
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show a software set and the software it holds
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Mark software sets validated or not
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// List a software set's tags
    #[command(after_long_help = tagging::TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs<tagging::ByIdOrArn>),
    /// Add or overwrite tags on a software set
    #[command(after_long_help = tagging::TAG_EXAMPLES)]
    Tag(tagging::TagArgs<tagging::ByIdOrArn>),
    /// Remove tags from a software set
    #[command(after_long_help = tagging::UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs<tagging::ByIdOrArn>),
}

pub async fn run(command: SoftwareSetsCommand, ctx: &Context) -> Result<()> {
    match command {
        SoftwareSetsCommand::List(args) => list::run(args, ctx).await,
        SoftwareSetsCommand::Get(args) => get::run(args, ctx).await,
        SoftwareSetsCommand::Update(args) => update::run(args, ctx).await,
        SoftwareSetsCommand::Tags(args) => tagging::tags(args, &SOFTWARE_SETS, ctx).await,
        SoftwareSetsCommand::Tag(args) => tagging::tag(args, &SOFTWARE_SETS, ctx).await,
        SoftwareSetsCommand::Untag(args) => tagging::untag(args, &SOFTWARE_SETS, ctx).await,
    }
}
