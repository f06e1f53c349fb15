//! One folder a group, one file a verb; each verb has an Args struct and a
//! `run`. Commands call `api/` for data and `output/` to write it.

pub mod devices;
pub mod environments;
mod plan;
pub mod software_sets;
mod tagging;
mod waiting;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Devices(command) => devices::run(command, ctx).await,
        Command::Environments(command) => environments::run(command, ctx).await,
        Command::SoftwareSets(command) => software_sets::run(command, ctx).await,
    }
}
