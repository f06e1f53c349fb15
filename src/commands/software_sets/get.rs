//! `wsfleet software-sets get`

use std::io::Write;

use aws_sdk_workspacesthinclient::types::{Software, SoftwareSet};

use crate::api::thin_client::get_software_set;
use crate::context::Context;
use crate::error::Result;
use crate::output::Format;
use crate::resources::SoftwareSetId;
use crate::resources::software_sets::SOFTWARE_COLUMN;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet software-sets get 312345
  wsfleet software-sets get 312345 -o json | jq '.software[].name'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The software set ID
    #[arg(value_name = "SOFTWARE_SET_ID")]
    pub id: SoftwareSetId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let mut writer = ctx.printer.one::<SoftwareSet>()?;
    // In a table the software list is a table of its own, not a cell of JSON.
    let software_table =
        ctx.printer.format() == Format::Table && ctx.printer.settings().columns.is_none();
    if software_table {
        writer = writer.without(SOFTWARE_COLUMN);
    }
    let client = ctx.thin_client().await?;
    let set = get_software_set(&client, &args.id).await?;
    writer.write(&set)?;
    if software_table && !set.software().is_empty() {
        writeln!(ctx.printer.stdout())?;
        let mut writer = ctx.printer.default_list::<Software>()?;
        for software in set.software() {
            writer.write(software)?;
        }
        writer.finish()?;
    }
    Ok(())
}
