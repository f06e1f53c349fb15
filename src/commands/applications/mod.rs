//! `wsfleet applications`: WorkSpaces applications and their associations.

pub mod associate;
pub mod associations;
pub mod deploy;
pub mod disassociate;
pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;
use crate::resources::{ApplicationId, WorkspaceId};

/// The end of `wsfleet applications --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications list --os windows_11
  wsfleet applications associate --workspace ws-abc12345 --application wsa-abcd1234 --dry-run
  wsfleet applications deploy --workspace ws-abc12345 --wait";

#[derive(Debug, Subcommand)]
pub enum ApplicationsCommand {
    /// List applications (every page), filtered by the API
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// What an application (or a bundle) is associated with
    #[command(after_long_help = associations::EXAMPLES)]
    Associations(associations::Args),
    /// Associate an application with a WorkSpace
    #[command(after_long_help = associate::EXAMPLES)]
    Associate(associate::Args),
    /// Disassociate an application from a WorkSpace (it is uninstalled)
    #[command(after_long_help = disassociate::EXAMPLES)]
    Disassociate(disassociate::Args),
    /// Deploy a WorkSpace's associated applications (install and uninstall)
    #[command(after_long_help = deploy::EXAMPLES)]
    Deploy(deploy::Args),
}

pub async fn run(command: ApplicationsCommand, ctx: &Context) -> Result<()> {
    match command {
        ApplicationsCommand::List(args) => list::run(args, ctx).await,
        ApplicationsCommand::Associations(args) => associations::run(args, ctx).await,
        ApplicationsCommand::Associate(args) => associate::run(args, ctx).await,
        ApplicationsCommand::Disassociate(args) => disassociate::run(args, ctx).await,
        ApplicationsCommand::Deploy(args) => deploy::run(args, ctx).await,
    }
}

/// `--workspace WS --application APP`, for associate and disassociate.
#[derive(Debug, clap::Args)]
pub struct PairArgs {
    /// The WorkSpace
    #[arg(long, value_name = "WS_ID")]
    pub workspace: WorkspaceId,

    /// The application
    #[arg(long, value_name = "APP_ID")]
    pub application: ApplicationId,
}

impl PairArgs {
    pub fn checked(&self) -> Result<(String, String)> {
        Ok((self.workspace.to_string(), self.application.to_string()))
    }
}
