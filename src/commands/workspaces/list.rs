//! `wsfleet workspaces list`

use std::cell::Cell;

use aws_sdk_workspaces::types::Workspace;

use super::WorkspaceFilterArgs;
use crate::api::WorkspacesClient;
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::workspaces::ListedWorkspace;
use crate::resources::{WorkspaceId, strings};
use crate::scope::partition::{self, PartLimit, Partitioned};
use crate::scope::{self, PageSource, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces list
  wsfleet workspaces list --directory d-90670b1234 --user jdoe
  wsfleet workspaces list --state stopped,error --running-mode auto-stop
  wsfleet workspaces list --tag team=sales --tag owner --not-connected-for 30d
  wsfleet workspaces list --os windows-10 \\
      --columns WorkspaceId,WorkspaceProperties.OperatingSystemName,LastKnownUserConnectionTimestamp
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

/// With `--not-connected-for` the table shows when each WorkSpace's user
/// last connected, and a note says how many never did.
pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let query = args.filters.query(strings(args.ids))?;
    let writer = ctx.printer.list::<ListedWorkspace>(View::List {
        details: args.filters.not_connected_for.is_some(),
    })?;
    let with_connections = writer.needs_details();
    let never_connected = Cell::new(0);
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| Narrowed {
            // Each place reads --concurrency directories at once.
            pages: partition::workspaces(session, &query, &PartLimit::new(args.concurrency.get())),
            client: session.workspaces().clone(),
            filters: &args.filters,
            with_connections,
            concurrency: args.concurrency.get(),
            never_connected: &never_connected,
        },
        "WorkSpaces",
    )
    .await?;
    if args.filters.not_connected_for.is_some() && never_connected.get() > 0 {
        ctx.printer.note(format!(
            "{} of these WorkSpaces were never connected to (no LastKnownUserConnectionTimestamp)",
            never_connected.get()
        ));
    }
    Ok(())
}

/// DescribeWorkspaces' pages through every filter, with the connection
/// status where asked for.
struct Narrowed<'a> {
    pages: Partitioned<Workspace>,
    client: WorkspacesClient,
    filters: &'a WorkspaceFilterArgs,
    with_connections: bool,
    concurrency: usize,
    never_connected: &'a Cell<usize>,
}

impl PageSource<ListedWorkspace> for Narrowed<'_> {
    async fn next_page(&mut self) -> Result<Option<Vec<ListedWorkspace>>> {
        let Some(page) = self.pages.next_page().await? else {
            return Ok(None);
        };
        let page = self
            .filters
            .narrow(&self.client, page, self.with_connections, self.concurrency)
            .await?;
        let never = page
            .iter()
            .filter(|listed| {
                listed
                    .connection
                    .as_ref()
                    .is_some_and(|c| c.last_known_user_connection_timestamp().is_none())
            })
            .count();
        self.never_connected.set(self.never_connected.get() + never);
        Ok(Some(page))
    }
}
