//! `wsfleet directories`: the directories registered with WorkSpaces.

mod checks;
pub mod client_properties;
pub mod deregister;
pub mod get;
pub mod list;
pub mod modify_access;
pub mod modify_certificate_auth;
pub mod modify_client;
pub mod modify_creation;
pub mod modify_encryption;
pub mod modify_saml;
pub mod modify_self_service;
pub mod modify_streaming;
pub mod register;
pub mod settings;

use aws_sdk_workspaces::types::WorkspaceDirectory;
use clap::Subcommand;

use super::plan::in_order_asked;
use super::tagging;

use crate::api::WorkspacesClient as Client;
use crate::api::directories::describe_directories;
use crate::context::Context;
use crate::error::Result;
use crate::resources::DIRECTORIES;

/// The end of `wsfleet directories --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories list --columns DirectoryId,Alias,SelfservicePermissions.RebuildWorkspace
  wsfleet directories get d-1234567890 -o json
  wsfleet directories register d-1234567890 --self-service --wait
  wsfleet directories modify-access d-1234567890 d-0987654321 --thin-client allow --web deny";

#[derive(Debug, Subcommand)]
pub enum DirectoriesCommand {
    /// List registered directories (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one directory
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Register a directory: an AD one (d-…), or one WorkSpaces creates (wsd-…)
    #[command(after_long_help = register::EXAMPLES)]
    Register(register::Args),
    /// Deregister directories (one with WorkSpaces cannot be)
    #[command(after_long_help = deregister::EXAMPLES)]
    Deregister(deregister::Args),
    /// Change what users may do to their own WorkSpaces (self-service)
    #[command(after_long_help = modify_self_service::EXAMPLES)]
    ModifySelfService(modify_self_service::Args),
    /// Allow or deny each device type, WorkSpaces Thin Client included
    #[command(after_long_help = modify_access::EXAMPLES)]
    ModifyAccess(modify_access::Args),
    /// Change what new WorkSpaces get (creation properties)
    #[command(after_long_help = modify_creation::EXAMPLES)]
    ModifyCreation(modify_creation::Args),
    /// Change the streaming protocol, Global Accelerator and Pools user settings
    #[command(after_long_help = modify_streaming::EXAMPLES)]
    ModifyStreaming(modify_streaming::Args),
    /// Change SAML 2.0 sign-in
    #[command(after_long_help = modify_saml::EXAMPLES)]
    ModifySaml(modify_saml::Args),
    /// Change certificate-based authentication
    #[command(after_long_help = modify_certificate_auth::EXAMPLES)]
    ModifyCertificateAuth(modify_certificate_auth::Args),
    /// Change the endpoint encryption mode (standard TLS or FIPS validated)
    #[command(after_long_help = modify_encryption::EXAMPLES)]
    ModifyEncryption(modify_encryption::Args),
    /// Show whether clients reconnect and upload their logs
    #[command(after_long_help = client_properties::EXAMPLES)]
    ClientProperties(client_properties::Args),
    /// Change whether clients reconnect and upload their logs
    #[command(after_long_help = modify_client::EXAMPLES)]
    ModifyClient(modify_client::Args),
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
        DirectoriesCommand::Register(args) => register::run(args, ctx).await,
        DirectoriesCommand::Deregister(args) => deregister::run(args, ctx).await,
        DirectoriesCommand::ModifySelfService(args) => modify_self_service::run(args, ctx).await,
        DirectoriesCommand::ModifyAccess(args) => modify_access::run(args, ctx).await,
        DirectoriesCommand::ModifyCreation(args) => modify_creation::run(args, ctx).await,
        DirectoriesCommand::ModifyStreaming(args) => modify_streaming::run(args, ctx).await,
        DirectoriesCommand::ModifySaml(args) => modify_saml::run(args, ctx).await,
        DirectoriesCommand::ModifyCertificateAuth(args) => {
            modify_certificate_auth::run(args, ctx).await
        }
        DirectoriesCommand::ModifyEncryption(args) => modify_encryption::run(args, ctx).await,
        DirectoriesCommand::ClientProperties(args) => client_properties::run(args, ctx).await,
        DirectoriesCommand::ModifyClient(args) => modify_client::run(args, ctx).await,
        DirectoriesCommand::Tags(args) => tagging::tags(args, &DIRECTORIES, ctx).await,
        DirectoriesCommand::Tag(args) => tagging::tag(args, &DIRECTORIES, ctx).await,
        DirectoriesCommand::Untag(args) => tagging::untag(args, &DIRECTORIES, ctx).await,
    }
}

/// The directories named, described, in the order asked; one the service
/// does not know stays (with no state) and fails as not found.
pub async fn described(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceDirectory>> {
    let found = describe_directories(client, ids).await?;
    Ok(in_order_asked(
        ids,
        found,
        WorkspaceDirectory::directory_id,
        |id| WorkspaceDirectory::builder().directory_id(id).build(),
    ))
}
