//! One place's WorkSpaces assessed: their `UserConnected` series fetched
//! (packed GetMetricData calls), their billable hours counted, and each
//! judged against its compute type's threshold. Tags are read only for the
//! WorkSpaces a switch is recommended for: `Skip_Convert` changes nothing
//! else, and one DescribeTags a WorkSpace would outnumber every other call.

use aws_sdk_workspaces::types::{RunningMode, Workspace};
use aws_smithy_types::DateTime;
use futures::{StreamExt, TryStreamExt};

use super::advice::{Action, Judged, SKIP_CONVERT_TAG, Thresholds, advise};
use super::hours::{ALWAYS_ON_IDLE_MINUTES, billable_hours, dense};
use super::period::Period;
use super::row::UsageRow;
use crate::api::WorkspacesClient;
use crate::api::cloudwatch::{CloudWatchClient, minimum_calls, user_connected};
use crate::api::retry::retrying;
use crate::api::workspaces::describe_tags;
use crate::error::Result;

/// How to assess: the period, the thresholds, how many calls at once, and
/// whether only unused WorkSpaces are wanted (`--unused-for`: no connected
/// period in the metric, and no connection since by the connection status,
/// which each WorkSpace comes with).
#[derive(Debug, Clone)]
pub struct Assessment {
    pub period: Period,
    pub thresholds: Thresholds,
    pub concurrency: usize,
    pub unused_only: bool,
}

pub async fn assess(
    workspaces_client: &WorkspacesClient,
    cloudwatch: &CloudWatchClient,
    workspaces: Vec<(Workspace, Option<DateTime>)>,
    how: &Assessment,
) -> Result<Vec<UsageRow>> {
    let ids: Vec<String> = workspaces
        .iter()
        .filter_map(|(w, _)| w.workspace_id().map(str::to_owned))
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let window = how.period.window;
    let (series, calls) = user_connected(cloudwatch, &ids, window, how.concurrency).await?;
    tracing::info!(
        calls,
        minimum = minimum_calls(ids.len(), window),
        workspaces = ids.len(),
        "GetMetricData calls made"
    );
    let mut rows: Vec<UsageRow> = workspaces
        .into_iter()
        .map(|(workspace, last_connection)| {
            let id = workspace.workspace_id().unwrap_or_default();
            let points = series.get(id).map(Vec::as_slice).unwrap_or_default();
            let connected = dense(window.start, window.periods(), points);
            let usage = billable_hours(&connected, idle_timeout_minutes(&workspace));
            let compute = workspace
                .workspace_properties()
                .and_then(|p| p.compute_type_name())
                .map(|c| c.as_str().to_owned());
            let threshold = compute.as_deref().and_then(|c| how.thresholds.of(c));
            let advice = judge(
                &workspace,
                compute.as_deref(),
                usage.billable_hours,
                false,
                how,
            );
            UsageRow {
                workspace,
                period: how.period,
                usage,
                threshold,
                advice,
                last_connection,
            }
        })
        .collect();
    if how.unused_only {
        rows.retain(|row| {
            row.usage.connected_periods == 0
                && row
                    .last_connection
                    .is_none_or(|at| at.secs() < window.start)
        });
    }
    let tagged = skip_convert_tags(workspaces_client, &rows, how.concurrency).await?;
    for (row, skip) in rows.iter_mut().zip(tagged) {
        if skip {
            let compute = row
                .workspace
                .workspace_properties()
                .and_then(|p| p.compute_type_name())
                .map(|c| c.as_str().to_owned());
            row.advice = judge(
                &row.workspace,
                compute.as_deref(),
                row.usage.billable_hours,
                true,
                how,
            );
        }
    }
    Ok(rows)
}

fn judge(
    workspace: &Workspace,
    compute_type: Option<&str>,
    billable_hours: u32,
    skip_convert: bool,
    how: &Assessment,
) -> super::advice::Advice {
    advise(
        Judged {
            running_mode: workspace
                .workspace_properties()
                .and_then(|p| p.running_mode()),
            compute_type,
            billable_hours,
            skip_convert,
        },
        &how.thresholds,
    )
}

/// The idle timeout a WorkSpace's sessions end after: its AutoStop timeout,
/// or an hour for ALWAYS_ON (which has none), as the Cost Optimizer takes it.
fn idle_timeout_minutes(workspace: &Workspace) -> u32 {
    let properties = workspace.workspace_properties();
    match properties.and_then(|p| p.running_mode()) {
        Some(RunningMode::AlwaysOn) => ALWAYS_ON_IDLE_MINUTES,
        _ => properties
            .and_then(|p| p.running_mode_auto_stop_timeout_in_minutes())
            .and_then(|minutes| u32::try_from(minutes).ok())
            .filter(|minutes| *minutes > 0)
            .unwrap_or(ALWAYS_ON_IDLE_MINUTES),
    }
}

/// Whether each row's WorkSpace is tagged `Skip_Convert`, asked only of the
/// rows recommended a switch (the others answer `false`).
async fn skip_convert_tags(
    client: &WorkspacesClient,
    rows: &[UsageRow],
    concurrency: usize,
) -> Result<Vec<bool>> {
    futures::stream::iter(rows)
        .map(|row| async move {
            let Some(id) = row.id().filter(|_| row.action() == Action::Switch) else {
                return Ok(false);
            };
            let tags = retrying(|| describe_tags(client, id)).await?;
            Ok(tags.contains_key(SKIP_CONVERT_TAG))
        })
        .buffered(concurrency.max(1))
        .try_collect()
        .await
}
