//! `wsfleet software-sets get`

use std::io::Write;

use aws_sdk_workspacesthinclient::types::{Software, SoftwareSet};

use crate::api::thin_client::get_software_set;
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View, write_one};
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
    let mut selection =
        Selection::<SoftwareSet>::resolve(ctx.output.columns.as_deref(), View::Detail, false)?;
    // In a table the software list is a table of its own, not a cell of JSON.
    let software_table = ctx.output.format == Format::Table && ctx.output.columns.is_none();
    if software_table {
        selection.columns.retain(|c| c.name != SOFTWARE_COLUMN);
    }
    let software_selection =
        Selection::<Software>::resolve(None, View::List { details: false }, true)?;
    let client = ctx.thin_client().await?;
    let set = get_software_set(&client, &args.id).await?;
    let mut out = ctx.stdout();
    write_one(&selection, &ctx.output, &set, &mut out)?;
    if software_table && !set.software().is_empty() {
        writeln!(out)?;
        let mut writer = ListWriter::new(&software_selection, &ctx.output, &mut out)?;
        for software in set.software() {
            writer.write(software)?;
        }
        writer.finish()?;
    }
    Ok(())
}
