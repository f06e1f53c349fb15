//! CloudWatch GetMetricData: each WorkSpace's `AWS/WorkSpaces`
//! `UserConnected` Maximum over 5-minute periods. The queries are packed so
//! that each call carries as many WorkSpaces as the API's limits allow (500
//! queries, 100,800 data points a call), which keeps the number of calls
//! near the minimum, and `concurrency` calls are in flight at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_cloudwatch::types::ScanBy;
use aws_smithy_types::DateTime;
use futures::{StreamExt, TryStreamExt};

use super::retry::retrying;
use super::{Client, SdkClient};
use crate::error::Result;

impl SdkClient for aws_sdk_cloudwatch::Client {
    const IAM_PREFIX: &'static str = "cloudwatch";
    const ENDPOINT_VARIABLE: &'static str = "AWS_ENDPOINT_URL_CLOUDWATCH";
}

pub type CloudWatchClient = Client<aws_sdk_cloudwatch::Client>;

// The queries and the limits they are packed by, in a file of their own:
// the benchmark's floor (bench/floor) compiles it too, to make the same calls.
mod query;
use query::{MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL, PERIOD_SECONDS, user_connected_query};

/// A time range in epoch seconds, `[start, end)`, both on period boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    /// The range from `start` to `end`, widened to whole periods.
    pub fn aligned(start: i64, end: i64) -> Window {
        let start = start.div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS;
        let end = (end + PERIOD_SECONDS - 1).div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS;
        Window {
            start,
            end: end.max(start),
        }
    }

    /// How many 5-minute periods (data points a WorkSpace) it holds.
    pub fn periods(&self) -> usize {
        ((self.end - self.start) / PERIOD_SECONDS).max(0) as usize
    }
}

/// How many WorkSpaces one call carries: as many as fit both limits.
pub fn workspaces_per_call(window: Window) -> usize {
    (MAX_DATAPOINTS_PER_CALL / window.periods().max(1)).clamp(1, MAX_QUERIES_PER_CALL)
}

/// The fewest calls the limits allow for `workspaces` over `window`.
pub fn minimum_calls(workspaces: usize, window: Window) -> usize {
    let by_queries = workspaces.div_ceil(MAX_QUERIES_PER_CALL);
    let by_points = (workspaces * window.periods()).div_ceil(MAX_DATAPOINTS_PER_CALL);
    by_queries.max(by_points)
}

/// Each WorkSpace's points (epoch seconds, Maximum), oldest first; a
/// WorkSpace with no data has an empty list.
pub type Series = HashMap<String, Vec<(i64, f64)>>;

/// `UserConnected` of every WorkSpace of `ids` over `window`, with
/// `concurrency` calls at a time; the number of calls made comes back too.
pub async fn user_connected(
    client: &CloudWatchClient,
    ids: &[String],
    window: Window,
    concurrency: usize,
) -> Result<(Series, usize)> {
    let batches: Vec<&[String]> = ids.chunks(workspaces_per_call(window)).collect();
    let answers: Vec<(Series, usize)> = futures::stream::iter(batches)
        .map(|batch| user_connected_batch(client, batch, window))
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    let mut series = Series::with_capacity(ids.len());
    let mut calls = 0;
    for (batch, batch_calls) in answers {
        series.extend(batch);
        calls += batch_calls;
    }
    Ok((series, calls))
}

/// One packed call (and its further pages, should CloudWatch cut it short).
async fn user_connected_batch(
    client: &CloudWatchClient,
    ids: &[String],
    window: Window,
) -> Result<(Series, usize)> {
    let queries = ids
        .iter()
        .enumerate()
        .map(|(index, id)| user_connected_query(index, id))
        .collect::<Vec<_>>();
    let mut series: Series = ids.iter().map(|id| (id.clone(), Vec::new())).collect();
    let mut next_token: Option<String> = None;
    // Retries included: each is a call the account pays for.
    let calls = AtomicUsize::new(0);
    loop {
        let output = retrying(|| async {
            calls.fetch_add(1, Ordering::Relaxed);
            client
                .get_metric_data()
                .set_metric_data_queries(Some(queries.clone()))
                .start_time(DateTime::from_secs(window.start))
                .end_time(DateTime::from_secs(window.end))
                .scan_by(ScanBy::TimestampAscending)
                .set_next_token(next_token.clone())
                .send()
                .await
                .map_err(|err| client.error("GetMetricData", err))
        })
        .await?;
        for result in output.metric_data_results() {
            let Some(id) = result
                .id()
                .and_then(|query_id| query_id.strip_prefix('q'))
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| ids.get(index))
            else {
                continue;
            };
            let points = series.entry(id.clone()).or_default();
            points.extend(
                result
                    .timestamps()
                    .iter()
                    .map(DateTime::secs)
                    .zip(result.values().iter().copied()),
            );
        }
        next_token = output.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok((series, calls.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn a_month_of_five_minute_points_packs_eleven_workspaces_a_call() {
        // 31 days × 288 periods = 8,928 points a WorkSpace; 100,800 / 8,928 = 11.3.
        let october = Window::aligned(0, 31 * DAY);
        assert_eq!(october.periods(), 8_928);
        assert_eq!(workspaces_per_call(october), 11);
        // 5,000 WorkSpaces: 5,000 × 8,928 / 100,800 = 442.9 → at least 443 calls;
        // packed 11 a call: 455.
        assert_eq!(minimum_calls(5_000, october), 443);
        assert_eq!(5_000usize.div_ceil(workspaces_per_call(october)), 455);
    }

    #[test]
    fn a_short_window_is_held_by_the_query_limit() {
        // One day: 288 points; 100,800 / 288 = 350 WorkSpaces a call (< 500).
        assert_eq!(workspaces_per_call(Window::aligned(0, DAY)), 350);
        // One hour: 12 points; the 500-query limit binds.
        assert_eq!(workspaces_per_call(Window::aligned(0, 3_600)), 500);
        assert_eq!(minimum_calls(1_001, Window::aligned(0, 3_600)), 3);
    }

    #[test]
    fn a_window_is_widened_to_whole_periods() {
        assert_eq!(
            Window::aligned(301, 899),
            Window {
                start: 300,
                end: 900
            }
        );
        assert_eq!(Window::aligned(600, 100).periods(), 0);
    }
}
