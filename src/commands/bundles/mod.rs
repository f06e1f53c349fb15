//! `wsfleet bundles`: WorkSpace bundles, Amazon's and the account's.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;

use clap::Subcommand;

use super::tagging;
use crate::context::Context;
use crate::enum_arg::ApiEnum;
use crate::error::Result;
use crate::resources::BUNDLES;

/// The end of `wsfleet bundles --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles list --owner self
  wsfleet bundles get wsb-abcdefgh1 -o json
  wsfleet bundles update wsb-abcdefgh1 --image wsi-ijklmnop2
  wsfleet bundles delete wsb-abcdefgh1 --yes";

#[derive(Debug, Subcommand)]
pub enum BundlesCommand {
    /// List bundles, the account's and Amazon's (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one bundle
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create a bundle from one of the account's images
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Swap the image a bundle builds WorkSpaces from
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Delete bundles of the account
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// List a bundle's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on bundles
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from bundles
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: BundlesCommand, ctx: &Context) -> Result<()> {
    match command {
        BundlesCommand::List(args) => list::run(args, ctx).await,
        BundlesCommand::Get(args) => get::run(args, ctx).await,
        BundlesCommand::Create(args) => create::run(args, ctx).await,
        BundlesCommand::Update(args) => update::run(args, ctx).await,
        BundlesCommand::Delete(args) => delete::run(args, ctx).await,
        BundlesCommand::Tags(args) => tagging::tags(args, &BUNDLES, ctx).await,
        BundlesCommand::Tag(args) => tagging::tag(args, &BUNDLES, ctx).await,
        BundlesCommand::Untag(args) => tagging::untag(args, &BUNDLES, ctx).await,
    }
}

/// Whose bundles: Amazon's or the account's own. The API's `Owner` is a
/// free string (`AMAZON`, or none for the account's), so the values are
/// this flag's own rather than an SDK enum's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerArg {
    Amazon,
    Account,
}

impl ApiEnum for OwnerArg {
    fn api_values() -> &'static [&'static str] {
        &["AMAZON", "SELF"]
    }

    fn from_api_value(value: &'static str) -> Self {
        if value == "AMAZON" {
            OwnerArg::Amazon
        } else {
            OwnerArg::Account
        }
    }
}

impl clap::builder::ValueParserFactory for OwnerArg {
    type Parser = crate::enum_arg::Parser<OwnerArg>;

    fn value_parser() -> Self::Parser {
        crate::enum_arg::Parser::new()
    }
}
