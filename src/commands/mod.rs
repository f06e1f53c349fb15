//! One folder a group, one file a verb; each verb has an Args struct and a
//! `run`. Commands call `api/` for data and `output/` to write it.

pub mod account;
pub mod account_links;
pub mod applications;
pub mod branding;
pub mod bundles;
pub mod completions;
pub mod connect_add_ins;
pub mod connection_aliases;
pub mod coverage;
pub mod devices;
pub mod directories;
pub mod environments;
pub mod export;
pub mod generate_assets;
pub mod images;
pub mod ip_groups;
mod plan;
pub mod pools;
pub mod report;
pub mod sandbox;
pub mod software_sets;
mod tagging;
mod waiting;
pub mod workspaces;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Devices(command) => devices::run(command, ctx).await,
        Command::Environments(command) => environments::run(command, ctx).await,
        Command::SoftwareSets(command) => software_sets::run(command, ctx).await,
        Command::Workspaces(command) => workspaces::run(command, ctx).await,
        Command::Applications(command) => applications::run(command, ctx).await,
        Command::Images(command) => images::run(command, ctx).await,
        Command::Directories(command) => directories::run(command, ctx).await,
        Command::IpGroups(command) => ip_groups::run(command, ctx).await,
        Command::Bundles(command) => bundles::run(command, ctx).await,
        Command::Pools(command) => pools::run(command, ctx).await,
        Command::Account(command) => account::run(command, ctx).await,
        Command::Branding(command) => branding::run(command, ctx).await,
        Command::AccountLinks(command) => account_links::run(command, ctx).await,
        Command::ConnectAddIns(command) => connect_add_ins::run(command, ctx).await,
        Command::ConnectionAliases(command) => connection_aliases::run(command, ctx).await,
        Command::Sandbox(command) => sandbox::run(command, ctx).await,
        Command::Completions(args) => completions::run(args, ctx).await,
        Command::GenerateAssets(args) => generate_assets::run(args, ctx).await,
        Command::Coverage(args) => coverage::run(args, ctx).await,
        Command::Report(args) => report::run(args, ctx).await,
        Command::Export(args) => export::run(args, ctx).await,
    }
}
