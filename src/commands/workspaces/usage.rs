//! `wsfleet workspaces usage`

use std::future::Future;
use std::time::Duration;

use super::{WorkspaceFilterArgs, list};
use crate::api::WorkspacesClient;
use crate::api::cloudwatch::CloudWatchClient;
use crate::api::workspaces::workspaces;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::strings;
use crate::scope::{self, PageSource, Service};
use crate::usage::advice::{ThresholdOverride, Thresholds};
use crate::usage::assess::{Assessment, assess};
use crate::usage::period::{self, Month, PeriodRequest, parse_instant};
use crate::usage::row::UsageRow;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces usage
  wsfleet workspaces usage --month 2026-10 --threshold Standard=90
  wsfleet workspaces usage --since 2026-11-01 --until 2026-11-15 --running-mode always-on
  wsfleet workspaces usage --unused-for 60d -o csv > unused.csv
  wsfleet workspaces usage --region all -o json

Billable hours are counted as AWS's Cost Optimizer for Amazon WorkSpaces counts them, from
the CloudWatch metric UserConnected (see README, \"Usage and running-mode cost\").";

#[derive(Debug, clap::Args)]
pub struct UsageArgs {
    #[command(flatten)]
    pub select: list::Args,

    #[command(flatten)]
    pub period: PeriodArgs,

    /// Only WorkSpaces nobody connected to in this long (e.g. 60d), by the metric and
    /// the connection status
    #[arg(long, value_name = "DURATION", value_parser = crate::duration::positive(),
          conflicts_with_all = ["month", "since", "until"])]
    pub unused_for: Option<Duration>,
}

/// The period and the thresholds: what `usage` and `optimize` judge by.
#[derive(Debug, Clone, clap::Args)]
pub struct PeriodArgs {
    /// Count this calendar month, UTC (default: this month so far)
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["since", "until"])]
    pub month: Option<Month>,

    /// Count from this date or UTC time (2026-10-01, 2026-10-15T12:00:00Z)
    #[arg(long, value_name = "DATE", value_parser = parse_instant)]
    pub since: Option<i64>,

    /// Count until this date or UTC time (default: now)
    #[arg(long, value_name = "DATE", value_parser = parse_instant)]
    pub until: Option<i64>,

    /// A compute type's monthly threshold in billable hours, over the default (repeatable)
    #[arg(long = "threshold", value_name = "TYPE=HOURS")]
    pub thresholds: Vec<ThresholdOverride>,
}

impl PeriodArgs {
    /// The assessment these flags ask for, checked before any request.
    pub fn assessment(
        &self,
        unused_for: Option<Duration>,
        concurrency: usize,
    ) -> Result<Assessment> {
        let request = PeriodRequest {
            month: self.month,
            since: self.since,
            until: self.until,
            unused_for,
        };
        Ok(Assessment {
            period: request.resolve(period::now())?,
            thresholds: Thresholds::new(&self.thresholds),
            concurrency,
            unused_only: unused_for.is_some(),
        })
    }
}

pub async fn run(args: UsageArgs, ctx: &Context) -> Result<()> {
    let how = args
        .period
        .assessment(args.unused_for, args.select.concurrency.get())?;
    args.select.filters.check()?;
    if !how.period.whole_month && !how.unused_only {
        ctx.printer.note(format!(
            "hours from {} to {}: the thresholds are monthly, so a part of a month judges ALWAYS_ON \
             WorkSpaces early (--month YYYY-MM for a whole one)",
            period::rfc3339(how.period.window.start),
            period::rfc3339(how.period.window.end)
        ));
    }
    let writer = ctx
        .printer
        .list::<UsageRow>(View::List { details: false })?;
    let plural = if how.unused_only {
        "unused WorkSpaces"
    } else {
        "WorkSpaces"
    };
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| {
            OnePage(Some(assessed_rows(
                session.workspaces().clone(),
                session.cloudwatch().clone(),
                strings(args.select.ids.iter().cloned()),
                &args.select.filters,
                &how,
            )))
        },
        plural,
    )
    .await
}

/// One place's rows: its WorkSpaces (these IDs, or every one) as the
/// filters select them, assessed.
pub async fn assessed_rows(
    client: WorkspacesClient,
    cloudwatch: CloudWatchClient,
    ids: Vec<String>,
    filters: &WorkspaceFilterArgs,
    how: &Assessment,
) -> Result<Vec<UsageRow>> {
    let found = workspaces(&client, filters.query(ids)?).all().await?;
    let kept = filters
        .narrow(&client, found, how.unused_only, how.concurrency)
        .await?
        .into_iter()
        .map(|listed| {
            let last_connection = listed
                .connection
                .and_then(|c| c.last_known_user_connection_timestamp);
            (listed.workspace, last_connection)
        })
        .collect();
    assess(&client, &cloudwatch, kept, how).await
}

/// A place's rows as one page: the hours need every WorkSpace's series,
/// fetched in packed calls, before any row can be written.
struct OnePage<F>(Option<F>);

impl<T, F: Future<Output = Result<Vec<T>>>> PageSource<T> for OnePage<F> {
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        match self.0.take() {
            Some(rows) => rows.await.map(Some),
            None => Ok(None),
        }
    }
}
