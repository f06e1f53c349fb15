//! `wsfleet directories client-properties`: whether the WorkSpaces clients
//! of each directory reconnect and upload their logs (DescribeClientProperties).

use super::described;
use crate::api::directory_settings::client_properties;
use crate::api::workspaces::service_error;
use crate::api::{Pages, WorkspacesClient};
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::directories::DirectoryClientProperties;
use crate::resources::{DirectoryId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories client-properties d-1234567890 wsd-abcdefgh1
  wsfleet directories client-properties d-1234567890 -o json | jq '.[].ClientProperties'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directories (25 a request)
    #[arg(value_name = "DIRECTORY_ID", required = true)]
    pub ids: Vec<DirectoryId>,
}

/// The directories named, in the order asked, each with its client
/// properties; one that is not a registered directory has only its ID and
/// no properties (DescribeClientProperties is asked only of the others).
pub async fn with_client_properties(
    client: &WorkspacesClient,
    ids: &[String],
) -> Result<Vec<DirectoryClientProperties>> {
    let directories = described(client, ids).await?;
    let known: Vec<String> = directories
        .iter()
        .filter(|d| d.state().is_some())
        .filter_map(|d| d.directory_id().map(str::to_owned))
        .collect();
    let mut found = if known.is_empty() {
        Vec::new()
    } else {
        client_properties(client, &known).all().await?
    };
    Ok(directories
        .into_iter()
        .map(|directory| {
            let properties = found
                .iter()
                .position(|p| p.resource_id() == directory.directory_id())
                .and_then(|at| found.swap_remove(at).client_properties);
            DirectoryClientProperties {
                directory,
                properties,
            }
        })
        .collect())
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let ids = strings(args.ids);
    let writer = ctx
        .printer
        .list::<DirectoryClientProperties>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| {
            let (client, ids) = (session.workspaces().clone(), ids.clone());
            Pages::following_token(move |_| {
                let (client, ids) = (client.clone(), ids.clone());
                async move {
                    let found = with_client_properties(&client, &ids).await?;
                    if let Some(absent) = found.iter().find(|f| f.directory.state().is_none()) {
                        let id = absent.directory.directory_id().unwrap_or_default();
                        return Err(service_error(
                            "DescribeWorkspaceDirectories",
                            "ResourceNotFoundException",
                            &format!("no directory {id}"),
                        ));
                    }
                    Ok((found, None))
                }
            })
        },
        "client properties",
    )
    .await
}
