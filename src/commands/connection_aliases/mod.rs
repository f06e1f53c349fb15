//! `wsfleet connection-aliases`: connection aliases for cross-Region
//! redirection, the fully qualified domain names users register with in
//! place of a directory's registration code.

pub mod associate;
pub mod create;
pub mod delete;
pub mod disassociate;
pub mod get;
pub mod list;
pub mod permissions;
pub mod share;

use std::future::Future;

use aws_sdk_workspaces::types::ConnectionAlias;
use clap::Subcommand;

use super::plan::{RemoveArgs, RemoveEach, in_order_asked, remove_each};
use super::tagging;
use crate::api::WorkspacesClient;
use crate::api::connection_aliases::describe_connection_aliases;
use crate::context::Context;
use crate::error::Result;
use crate::resources::CONNECTION_ALIASES;

/// The end of `wsfleet connection-aliases --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases create --connection-string desktop.example.com --wait
  wsfleet connection-aliases associate wsca-abcdefgh1 --to-directory d-1234567890
  wsfleet connection-aliases share wsca-abcdefgh1 --account 210987654321";

#[derive(Debug, Subcommand)]
pub enum ConnectionAliasesCommand {
    /// List connection aliases (every page) and their directories
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one connection alias, its associations included
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create a connection alias for a fully qualified domain name
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Delete connection aliases (neither associated nor shared)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// Associate connection aliases with a directory; shows each connection identifier
    #[command(after_long_help = associate::EXAMPLES)]
    Associate(associate::Args),
    /// Disassociate connection aliases from their directory
    #[command(after_long_help = disassociate::EXAMPLES)]
    Disassociate(disassociate::Args),
    /// The accounts a connection alias is shared with
    #[command(after_long_help = permissions::EXAMPLES)]
    Permissions(permissions::Args),
    /// Share a connection alias with other accounts (they may associate it)
    #[command(after_long_help = share::SHARE_EXAMPLES)]
    Share(share::Args),
    /// Stop sharing a connection alias with other accounts
    #[command(after_long_help = share::UNSHARE_EXAMPLES)]
    Unshare(share::Args),
    /// List a connection alias's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on connection aliases
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from connection aliases
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: ConnectionAliasesCommand, ctx: &Context) -> Result<()> {
    use ConnectionAliasesCommand as C;
    match command {
        C::List(args) => list::run(args, ctx).await,
        C::Get(args) => get::run(args, ctx).await,
        C::Create(args) => create::run(args, ctx).await,
        C::Delete(args) => delete::run(args, ctx).await,
        C::Associate(args) => associate::run(args, ctx).await,
        C::Disassociate(args) => disassociate::run(args, ctx).await,
        C::Permissions(args) => permissions::run(args, ctx).await,
        C::Share(args) => share::run(args, true, ctx).await,
        C::Unshare(args) => share::run(args, false, ctx).await,
        C::Tags(args) => tagging::tags(args, &CONNECTION_ALIASES, ctx).await,
        C::Tag(args) => tagging::tag(args, &CONNECTION_ALIASES, ctx).await,
        C::Untag(args) => tagging::untag(args, &CONNECTION_ALIASES, ctx).await,
    }
}

/// The aliases named, described, in the order asked; an alias the service
/// does not know stays (with no state) for the plan to show.
async fn described(client: WorkspacesClient, ids: Vec<String>) -> Result<Vec<ConnectionAlias>> {
    let found = describe_connection_aliases(&client, &ids).await?;
    Ok(in_order_asked(
        &ids,
        found,
        ConnectionAlias::alias_id,
        |id| ConnectionAlias::builder().alias_id(id).build(),
    ))
}

/// `delete` and `disassociate`: the aliases described, the plan, the
/// question, then `change` on each alias through the executor; an alias the
/// service does not know fails as not found, unsent.
pub async fn change_each<R, RFut>(
    ctx: &Context,
    args: &RemoveArgs,
    action: &'static str,
    change: R,
) -> Result<()>
where
    R: Fn(WorkspacesClient, String) -> RFut,
    RFut: Future<Output = Result<()>>,
{
    let how = RemoveEach {
        action,
        kind: &CONNECTION_ALIASES,
        id_of: ConnectionAlias::alias_id,
        found: |a| a.state().is_some(),
        blocked_by: None,
    };
    let flags = (&args.targets, &args.confirm, &args.bulk);
    remove_each(ctx, flags, how, described, change).await
}
