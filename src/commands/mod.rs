//! One folder a group, one file a verb; each verb has an Args struct and a
//! `run`. Commands call `api/` for data and `output/` to write it.

pub mod completions;
pub mod devices;
pub mod generate_assets;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn run(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Devices(command) => devices::run(command, ctx).await,
        Command::Completions(args) => completions::run(args, ctx).await,
        Command::GenerateAssets(args) => generate_assets::run(args, ctx).await,
    }
}
