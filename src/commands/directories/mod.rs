//! `wsfleet directories`: the directories registered with WorkSpaces.

pub mod deregister;
pub mod get;
pub mod list;
pub mod modify_self_service;

use aws_sdk_workspaces::types::WorkspaceDirectory;
use clap::Subcommand;

use super::tagging;

use crate::api::WorkspacesClient as Client;
use crate::api::directories::describe_directories;
use crate::context::Context;
use crate::error::Result;
use crate::resources::DIRECTORIES;
use crate::scope::Placed;

/// The end of `wsfleet directories --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories list
  wsfleet directories list --columns DirectoryId,Alias,SelfservicePermissions.RebuildWorkspace
  wsfleet directories get d-1234567890 -o json";

#[derive(Debug, Subcommand)]
pub enum DirectoriesCommand {
    /// List registered directories (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one directory
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Deregister directories (one with WorkSpaces cannot be)
    #[command(after_long_help = deregister::EXAMPLES)]
    Deregister(deregister::Args),
    /// Change what users may do to their own WorkSpaces (self-service permissions)
    #[command(after_long_help = modify_self_service::EXAMPLES)]
    ModifySelfService(modify_self_service::Args),
    /// List a directory's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on directories
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from directories
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: DirectoriesCommand, ctx: &Context) -> Result<()> {
    match command {
        DirectoriesCommand::List(args) => list::run(args, ctx).await,
        DirectoriesCommand::Get(args) => get::run(args, ctx).await,
        DirectoriesCommand::Deregister(args) => deregister::run(args, ctx).await,
        DirectoriesCommand::ModifySelfService(args) => modify_self_service::run(args, ctx).await,
        DirectoriesCommand::Tags(args) => tagging::tags(args, &DIRECTORIES, ctx).await,
        DirectoriesCommand::Tag(args) => tagging::tag(args, &DIRECTORIES, ctx).await,
        DirectoriesCommand::Untag(args) => tagging::untag(args, &DIRECTORIES, ctx).await,
    }
}

/// The directories named, described, in the order asked; one the service
/// does not know stays (with no state) and fails as not found.
pub async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceDirectory>> {
    let mut directories = describe_directories(client, ids).await?;
    directories.sort_by_key(|d| {
        ids.iter()
            .position(|id| d.directory_id() == Some(id.as_str()))
    });
    for id in ids {
        if !directories
            .iter()
            .any(|d| d.directory_id() == Some(id.as_str()))
        {
            directories.push(WorkspaceDirectory::builder().directory_id(id).build());
        }
    }
    Ok(directories)
}

/// A setting a verb changes: its name in the API, its new value, and how
/// to read its current value off a directory.
pub type SettingChange<'a> = (&'a str, String, CurrentValue);

/// Reads a setting's current value off a directory.
pub type CurrentValue = Box<dyn Fn(&WorkspaceDirectory) -> Option<String>>;

/// The plan of a settings change, on stderr: each directory (ID, alias),
/// then each setting before and after.
pub fn show_settings_plan(
    ctx: &Context,
    group: &str,
    directories: &[Placed<WorkspaceDirectory>],
    changes: &[SettingChange],
) {
    let mut lines = Vec::new();
    for placed in directories {
        let d = &placed.item;
        lines.push(format!(
            "{} ({})",
            d.directory_id().unwrap_or(""),
            d.alias().unwrap_or("not found")
        ));
        for (name, after, before) in changes {
            let before = before(d).unwrap_or_else(|| "-".to_owned());
            let marker = if before == *after { "unchanged" } else { "" };
            lines.push(
                format!("  {group}.{name}: {before} -> {after} {marker}")
                    .trim_end()
                    .to_owned(),
            );
        }
    }
    ctx.printer.note(lines.join("\n"));
}
