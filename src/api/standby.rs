//! CreateStandbyWorkspaces: standby WorkSpaces, in the Region the client
//! is of, for primary WorkSpaces of another Region.

use aws_sdk_workspaces::types::{DataReplication, StandbyWorkspace};

use super::workspaces::{service_error, tags};
use super::{IdResults, WorkspacesClient as Client, build_error};
use crate::error::Result;

/// What every standby of one run is created with.
#[derive(Debug, Clone)]
pub struct StandbySettings {
    pub directory_id: String,
    pub volume_encryption_key: Option<String>,
    pub tags: Vec<(String, String)>,
    pub data_replication: Option<DataReplication>,
}

/// The Region a client's calls go to.
pub fn region_of(client: &Client) -> Option<String> {
    client.config().region().map(|r| r.as_ref().to_owned())
}

/// One CreateStandbyWorkspaces for these primaries of `primary_region`,
/// sent with `standby_client` (of the standby Region). Each primary's
/// result: a `FailedStandbyRequests` entry fails it with its code; the
/// others are done, and `created` gets each with its new standby's ID.
/// The pending entries do not name their primary: they come in the order
/// of the requests that did not fail.
pub async fn create_standby_workspaces(
    standby_client: &Client,
    primary_region: &str,
    primaries: &[String],
    settings: &StandbySettings,
    created: &mut Vec<(String, String)>,
) -> IdResults {
    let requests: Result<Vec<StandbyWorkspace>> = primaries
        .iter()
        .map(|primary| {
            StandbyWorkspace::builder()
                .primary_workspace_id(primary)
                .directory_id(&settings.directory_id)
                .set_volume_encryption_key(settings.volume_encryption_key.clone())
                .set_tags(
                    (!settings.tags.is_empty())
                        .then(|| tags(&settings.tags))
                        .transpose()?,
                )
                .set_data_replication(settings.data_replication.clone())
                .build()
                .map_err(build_error)
        })
        .collect();
    let sent = match requests {
        Ok(requests) => standby_client
            .create_standby_workspaces()
            .primary_region(primary_region)
            .set_standby_workspaces(Some(requests))
            .send()
            .await
            .map_err(|e| standby_client.error("CreateStandbyWorkspaces", e)),
        Err(err) => Err(err),
    };
    let output = match sent {
        Ok(output) => output,
        Err(err) => {
            return primaries
                .iter()
                .map(|id| (id.clone(), Err(err.clone_for_each())))
                .collect();
        }
    };
    let failed = output.failed_standby_requests();
    let mut pending = output.pending_standby_requests().iter();
    primaries
        .iter()
        .map(|id| {
            let failure = failed.iter().find(|f| {
                f.standby_workspace_request()
                    .is_some_and(|r| r.primary_workspace_id() == id)
            });
            let result = match failure {
                Some(failure) => Err(service_error(
                    "CreateStandbyWorkspaces",
                    failure.error_code().unwrap_or("Failed"),
                    failure.error_message().unwrap_or("the request failed"),
                )),
                None => {
                    if let Some(standby) = pending.next().and_then(|p| p.workspace_id()) {
                        created.push((id.clone(), standby.to_owned()));
                    }
                    Ok(())
                }
            };
            (id.clone(), result)
        })
        .collect()
}
