//! `wsfleet software-sets list`

use aws_sdk_workspacesthinclient::types::SoftwareSet;

use crate::api::thin_client::SoftwareSetPages;
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet software-sets list
  wsfleet software-sets list -o json | jq '.[] | select(.validationStatus == \"VALIDATED\") | .id'";

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args, ctx: &Context) -> Result<()> {
    let selection = Selection::<SoftwareSet>::resolve(
        ctx.output.columns.as_deref(),
        View::List { details: false },
        ctx.output.format == Format::Table,
    )?;
    if selection.needs_details() {
        return Err(crate::error::AppError::usage(
            "the software list is shown by `software-sets get ID` only",
        ));
    }
    let client = ctx.thin_client().await?;
    let mut pages = SoftwareSetPages::new(client);
    let mut writer = ListWriter::new(&selection, &ctx.output, ctx.stdout())?;
    while let Some(page) = pages.next_page().await? {
        for set in &page {
            writer.write(set)?;
        }
        writer.flush()?;
    }
    if writer.finish()? == 0 && ctx.output.format == Format::Table {
        ctx.note("no software sets found");
    }
    Ok(())
}
