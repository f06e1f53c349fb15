//! `wsfleet devices list`

use aws_sdk_workspacesthinclient::types::Device;

use super::filter::{Filter, FilterArgs, NameFilterArgs};
use crate::api::thin_client::DevicePages;
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices list
  wsfleet devices list --environment a1b2c3d4e --status registered
  wsfleet devices list --name 'lobby-*' -o csv > lobby.csv
  wsfleet devices list --details --compliance not-compliant
  wsfleet devices list --tag team=support
  wsfleet devices list --columns id,serialNumber,lastUserId -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub names: NameFilterArgs,

    /// Fetch every device's details (GetDevice), --concurrency at a time
    #[arg(long)]
    pub details: bool,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let filter = Filter::new(&args.filters, Some(&args.names))?;
    let selection = Selection::<Device>::resolve(
        ctx.output.columns.as_deref(),
        View::List {
            details: args.details,
        },
        ctx.output.format == Format::Table,
    )?;
    let details = args.details || selection.needs_details();

    let client = ctx.thin_client().await?;
    let mut pages = DevicePages::new(client.clone());
    let mut writer = ListWriter::new(&selection, &ctx.output, ctx.stdout())?;
    while let Some(page) = pages.next_page().await? {
        for device in filter
            .apply(&client, page, details, ctx.concurrency)
            .await?
        {
            writer.write(&device)?;
        }
        writer.flush()?;
    }
    if writer.finish()? == 0 && ctx.output.format == Format::Table {
        ctx.note("no devices found");
    }
    Ok(())
}
