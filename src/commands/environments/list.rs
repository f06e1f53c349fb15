//! `wsfleet environments list`

use crate::api::thin_client::{environments, environments_with_details};
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, Enriched, Service};
use aws_sdk_workspacesthinclient::types::Environment;

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

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.list::<Environment>(View::List {
        details: args.details,
    })?;
    let details = args.details || writer.needs_details();
    let concurrency = args.concurrency.get();
    scope::list(
        ctx,
        Service::ThinClient,
        writer,
        |session| {
            let client = session.thin_client().clone();
            Enriched {
                source: environments(&client),
                enrich: move |page: Vec<Environment>| {
                    let client = client.clone();
                    async move {
                        if details {
                            environments_with_details(&client, page, concurrency).await
                        } else {
                            Ok(page)
                        }
                    }
                },
            }
        },
        "environments",
    )
    .await
}
