//! `wsfleet environments get`

use std::io::Write;

use aws_sdk_workspacesthinclient::types::Environment;

use crate::api::thin_client::get_environment;
use crate::context::Context;
use crate::error::Result;
use crate::maintenance_window::describe;
use crate::output::Format;
use crate::resources::EnvironmentId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments get a1b2c3d4e
  wsfleet environments get a1b2c3d4e -o json | jq .maintenanceWindow";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The environment ID
    #[arg(value_name = "ENV_ID")]
    pub id: EnvironmentId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<Environment>()?;
    let client = ctx.thin_client().await?;
    let environment = get_environment(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &environment).await?;
    // The fields are for scripts; people read the window as a sentence. JSON
    // and CSV keep exactly the API's members.
    if ctx.printer.format() == Format::Table
        && ctx.printer.settings().columns.is_none()
        && let Some(window) = environment.maintenance_window()
    {
        let mut out = ctx.printer.stdout();
        writeln!(out, "\nMaintenance window: {}", describe(window))?;
        out.flush()?;
    }
    Ok(())
}
