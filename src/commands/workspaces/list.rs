//! `wsfleet workspaces list`

use aws_sdk_workspaces::types::Workspace;

use super::WorkspaceFilterArgs;
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{WorkspaceId, strings};
use crate::scope::partition::{self, PartLimit};
use crate::scope::{self, Filtered, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces list
  wsfleet workspaces list --directory d-90670b1234 --user jdoe
  wsfleet workspaces list --state stopped --running-mode auto-stop
  wsfleet workspaces list --os windows-10 \\
      --columns WorkspaceId,WorkspaceProperties.OperatingSystemName
  wsfleet workspaces list --ids ws-abc12345,ws-def67890 -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these WorkSpaces (sent to the API, 25 a request)
    #[arg(long, value_delimiter = ',', value_name = "WS_ID,...")]
    pub ids: Vec<WorkspaceId>,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let query = args.filters.query(strings(args.ids))?;
    let writer = ctx
        .printer
        .list::<Workspace>(View::List { details: false })?;
    let limit = PartLimit::new(args.concurrency.get());
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| Filtered {
            source: partition::workspaces(session, &query, &limit),
            keep: |w: &Workspace| args.filters.matches(w),
        },
        "WorkSpaces",
    )
    .await
}
