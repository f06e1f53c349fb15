//! One folder a group, one file a verb; each verb has an Args struct and a
//! `run`. Commands call `api/` for data and `output/` to write it.

pub mod applications;
pub mod devices;
pub mod images;
pub mod sandbox;
pub mod workspaces;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Devices(command) => devices::run(command, ctx).await,
        Command::Workspaces(command) => workspaces::run(command, ctx).await,
        Command::Applications(command) => applications::run(command, ctx).await,
        Command::Images(command) => images::run(command, ctx).await,
        Command::Sandbox(command) => sandbox::run(command, ctx).await,
    }
}
