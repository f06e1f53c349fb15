//! `wsfleet sandbox reset`

use super::{FleetArgs, state_path};
use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub fleet: FleetArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let path = state_path()?;
    wsfleet_sandbox::reset_state_file(&path, &args.fleet.config())?;
    ctx.printer.note(format!(
        "sandbox reset: {} devices, {} WorkSpaces",
        args.fleet.devices, args.fleet.workspaces
    ));
    Ok(())
}
