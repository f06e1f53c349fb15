//! `wsfleet environments list`

use aws_sdk_workspacesthinclient::types::Environment;
use futures::{StreamExt, TryStreamExt};

use crate::api::thin_client::{EnvironmentPages, get_environment};
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments list
  wsfleet environments list --details --columns id,name,registeredDevicesCount
  wsfleet environments list -o json | jq '.[].activationCode'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fetch every environment's details (GetEnvironment): device counts, compliance
    #[arg(long)]
    pub details: bool,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let selection = Selection::<Environment>::resolve(
        ctx.output.columns.as_deref(),
        View::List {
            details: args.details,
        },
        ctx.output.format == Format::Table,
    )?;
    let details = args.details || selection.needs_details();
    let client = ctx.thin_client().await?;
    let mut pages = EnvironmentPages::new(client.clone());
    let mut writer = ListWriter::new(&selection, &ctx.output, ctx.stdout())?;
    while let Some(mut page) = pages.next_page().await? {
        if details {
            page = futures::stream::iter(page)
                .map(|summary| {
                    let client = &client;
                    async move {
                        let Some(id) = summary.id().map(str::to_owned) else {
                            return Ok(summary);
                        };
                        match get_environment(client, &id).await {
                            // Deleted since it was listed: keep what the listing said.
                            Err(err) if err.is_not_found() => Ok(summary),
                            other => other,
                        }
                    }
                })
                .buffered(ctx.concurrency.max(1))
                .try_collect()
                .await?;
        }
        for environment in &page {
            writer.write(environment)?;
        }
        writer.flush()?;
    }
    if writer.finish()? == 0 && ctx.output.format == Format::Table {
        ctx.note("no environments found");
    }
    Ok(())
}
