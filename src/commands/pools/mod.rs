//! `wsfleet pools`: WorkSpaces Pools (non-persistent WorkSpaces handed out
//! per session) and their user sessions.

pub mod create;
pub mod end_session;
pub mod get;
pub mod lifecycle;
pub mod list;
pub mod sessions;
pub mod settings;
pub mod settle;
pub mod update;

use clap::Subcommand;

use super::tagging;
use crate::api::pools::PoolChange;
use crate::context::Context;
use crate::error::Result;
use crate::resources::POOLS;

/// The end of `wsfleet pools --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools list
  wsfleet pools create --name call-centre --bundle wsb-abcdefgh1 --directory wsd-abcdefgh1 \\
    --description 'Call centre' --desired-sessions 20
  wsfleet pools sessions wspool-abcdefgh1 -o json";

#[derive(Debug, Subcommand)]
pub enum PoolsCommand {
    /// List pools (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one pool
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create a pool
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Change a pool's capacity, timeouts, application settings, bundle or directory
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Start stopped pools
    #[command(after_long_help = lifecycle::START_EXAMPLES)]
    Start(lifecycle::StartArgs),
    /// Stop running pools: their users' sessions end
    #[command(after_long_help = lifecycle::STOP_EXAMPLES)]
    Stop(lifecycle::ConfirmedArgs),
    /// Terminate stopped pools: they are deleted for good
    #[command(after_long_help = lifecycle::TERMINATE_EXAMPLES)]
    Terminate(lifecycle::ConfirmedArgs),
    /// List the user sessions of one pool (every page)
    #[command(after_long_help = sessions::EXAMPLES)]
    Sessions(sessions::Args),
    /// End user sessions of a pool
    #[command(after_long_help = end_session::EXAMPLES)]
    EndSession(end_session::Args),
    /// List a pool's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on pools
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from pools
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: PoolsCommand, ctx: &Context) -> Result<()> {
    match command {
        PoolsCommand::List(args) => list::run(args, ctx).await,
        PoolsCommand::Get(args) => get::run(args, ctx).await,
        PoolsCommand::Create(args) => create::run(args, ctx).await,
        PoolsCommand::Update(args) => update::run(args, ctx).await,
        PoolsCommand::Start(args) => {
            lifecycle::run(PoolChange::Start, args.common, args.change.into(), ctx).await
        }
        PoolsCommand::Stop(args) => {
            lifecycle::run(PoolChange::Stop, args.common, args.confirm, ctx).await
        }
        PoolsCommand::Terminate(args) => {
            lifecycle::run(PoolChange::Terminate, args.common, args.confirm, ctx).await
        }
        PoolsCommand::Sessions(args) => sessions::run(args, ctx).await,
        PoolsCommand::EndSession(args) => end_session::run(args, ctx).await,
        PoolsCommand::Tags(args) => tagging::tags(args, &POOLS, ctx).await,
        PoolsCommand::Tag(args) => tagging::tag(args, &POOLS, ctx).await,
        PoolsCommand::Untag(args) => tagging::untag(args, &POOLS, ctx).await,
    }
}
