//! The floor of the benchmark: the HTTP requests a wsfleet command makes,
//! sent with the same SDK and nothing else (no option parsing beyond the
//! positional arguments, no rendering, no checks). Whatever wsfleet takes
//! beyond this program's time is wsfleet's own cost.
//!
//! Region, credentials and endpoint come from the environment
//! (`AWS_REGION`, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`,
//! `AWS_ENDPOINT_URL`), as the benchmark sets them for both programs.
//!
//! ```text
//! wsfleet-bench-floor list                        # ListDevices, pages of 50
//! wsfleet-bench-floor details CONCURRENCY         # + GetDevice per device, page by page
//! wsfleet-bench-floor deregister CONCURRENCY FILE # DeregisterDevice per id in FILE
//! wsfleet-bench-floor workspaces CONCURRENCY      # DescribeWorkspaces, each directory at once
//! wsfleet-bench-floor usage CONCURRENCY START END [TAGS_FILE]
//!     # DescribeWorkspaces, then UserConnected over [START, END) (epoch
//!     # seconds) in GetMetricData calls packed as `workspaces usage` packs
//!     # them, then DescribeTags of each WorkSpace id in TAGS_FILE
//! ```
//!
//! Prints one line, the number of items listed or deregistered, so the
//! harness can check the work was all done.

use std::process::ExitCode;

use aws_config::BehaviorVersion;
use aws_sdk_cloudwatch::types::{MetricDataQuery, ScanBy};
use aws_sdk_workspacesthinclient::Client;
use aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesOutput;
use aws_smithy_types::error::display::DisplayErrorContext;
use futures::{StreamExt, TryStreamExt};

// wsfleet's own code, compiled here too: the `api.` host prefix must be
// dropped exactly as wsfleet drops it for the requests to be the same.
#[path = "../../../src/scope/host_prefix.rs"]
mod host_prefix;
use host_prefix::StripHostPrefixForCustomEndpoint;

// The GetMetricData queries and their packing limits, as `workspaces usage`
// makes them.
#[path = "../../../src/api/cloudwatch/query.rs"]
mod query;
use query::{MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL, PERIOD_SECONDS, user_connected_query};

/// ListDevices' largest page, as wsfleet asks for.
const PAGE_SIZE: i32 = 50;

const USAGE: &str = "usage: wsfleet-bench-floor list | details CONCURRENCY | \
                     deregister CONCURRENCY IDS_FILE | workspaces CONCURRENCY | \
                     usage CONCURRENCY START END [TAGS_FILE]";

type Result<T> = std::result::Result<T, String>;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(count) => {
            println!("{count}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("wsfleet-bench-floor: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &[String]) -> Result<usize> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["list"] => list(&client().await, None).await,
        ["details", concurrency] => {
            list(&client().await, Some(parse_concurrency(concurrency)?)).await
        }
        ["deregister", concurrency, file] => {
            let concurrency = parse_concurrency(concurrency)?;
            deregister(&client().await, read_ids(file).await?, concurrency).await
        }
        ["workspaces", concurrency] => workspaces(parse_concurrency(concurrency)?).await,
        ["usage", concurrency, start, end, tags_file @ ..] if tags_file.len() <= 1 => {
            let window = (parse_seconds(start)?, parse_seconds(end)?);
            let tagged = match tags_file.first() {
                Some(file) => read_ids(file).await?,
                None => Vec::new(),
            };
            usage(parse_concurrency(concurrency)?, window, tagged).await
        }
        _ => Err(USAGE.to_owned()),
    }
}

async fn read_ids(file: &str) -> Result<Vec<String>> {
    let ids = tokio::fs::read_to_string(file)
        .await
        .map_err(|e| format!("cannot read {file}: {e}"))?;
    Ok(ids.split_whitespace().map(str::to_owned).collect())
}

fn parse_seconds(text: &str) -> Result<i64> {
    text.parse::<i64>()
        .map_err(|_| format!("invalid time '{text}': expected epoch seconds\n{USAGE}"))
}

fn parse_concurrency(text: &str) -> Result<usize> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "invalid CONCURRENCY '{text}': expected 1 or more\n{USAGE}"
        )),
    }
}

async fn client() -> Client {
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let config = aws_sdk_workspacesthinclient::config::Builder::from(&shared)
        .interceptor(StripHostPrefixForCustomEndpoint)
        .build();
    Client::from_conf(config)
}

/// Every page, dropped as soon as it is read, so memory stays constant
/// whatever the fleet's size. With a concurrency, each page's devices are
/// fetched with GetDevice while the next page is asked for, as wsfleet does.
async fn list(client: &Client, details: Option<usize>) -> Result<usize> {
    let mut listed = 0;
    let mut page = list_page(client, None).await?;
    loop {
        let ids: Vec<String> = page.devices().iter().filter_map(|d| d.id.clone()).collect();
        listed += ids.len();
        let Some(token) = page.next_token.filter(|t| !t.is_empty()) else {
            if let Some(concurrency) = details {
                get_devices(client, ids, concurrency).await?;
            }
            return Ok(listed);
        };
        page = match details {
            Some(concurrency) => {
                let (next, got) = tokio::join!(
                    list_page(client, Some(token)),
                    get_devices(client, ids, concurrency)
                );
                got?;
                next?
            }
            None => list_page(client, Some(token)).await?,
        };
    }
}

async fn list_page(client: &Client, next_token: Option<String>) -> Result<ListDevicesOutput> {
    client
        .list_devices()
        .max_results(PAGE_SIZE)
        .set_next_token(next_token)
        .send()
        .await
        .map_err(|e| format!("ListDevices: {}", DisplayErrorContext(e)))
}

async fn get_devices(client: &Client, ids: Vec<String>, concurrency: usize) -> Result<()> {
    futures::stream::iter(ids)
        .map(|id| async move {
            client
                .get_device()
                .id(id)
                .send()
                .await
                .map_err(|e| format!("GetDevice: {}", DisplayErrorContext(e)))
        })
        .buffered(concurrency)
        .try_for_each(|_| async { Ok(()) })
        .await
}

/// One DeregisterDevice per id, `concurrency` in flight, each with its own
/// client token as wsfleet sends one.
async fn deregister(client: &Client, ids: Vec<String>, concurrency: usize) -> Result<usize> {
    let count = ids.len();
    futures::stream::iter(ids)
        .map(|id| async move {
            client
                .deregister_device()
                .id(&id)
                .client_token(uuid::Uuid::new_v4().to_string())
                .send()
                .await
                .map_err(|e| format!("DeregisterDevice {id}: {}", DisplayErrorContext(e)))
        })
        .buffer_unordered(concurrency)
        .try_for_each(|_| async { Ok(()) })
        .await?;
    Ok(count)
}

/// The partitioned listing `workspaces list` makes: the directories, then
/// each directory's DescribeWorkspaces pages (of 25), `concurrency`
/// directories at once.
async fn workspaces(concurrency: usize) -> Result<usize> {
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let client = aws_sdk_workspaces::Client::new(&shared);
    let directories: Vec<String> = client
        .describe_workspace_directories()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| format!("DescribeWorkspaceDirectories: {}", DisplayErrorContext(e)))?
        .into_iter()
        .filter_map(|d| d.directory_id)
        .collect();
    let client = &client;
    let counts: Vec<usize> = futures::stream::iter(directories)
        .map(|directory| async move {
            let mut pages = client
                .describe_workspaces()
                .directory_id(directory)
                .into_paginator()
                .page_size(25)
                .send();
            let mut listed = 0;
            while let Some(page) = pages.next().await {
                let page =
                    page.map_err(|e| format!("DescribeWorkspaces: {}", DisplayErrorContext(e)))?;
                listed += page.workspaces().len();
            }
            Ok::<usize, String>(listed)
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await?;
    Ok(counts.iter().sum())
}

/// The calls `workspaces usage` makes for one place: DescribeWorkspaces
/// pages (of 25, one after another), then each WorkSpace's `UserConnected`
/// Maximum over 5-minute periods in GetMetricData calls carrying as many
/// WorkSpaces as the API's limits allow (500 queries, 100,800 data points),
/// `concurrency` at once, then DescribeTags of `tagged` (the WorkSpaces a
/// switch is recommended for), `concurrency` at once.
async fn usage(concurrency: usize, (start, end): (i64, i64), tagged: Vec<String>) -> Result<usize> {
    let shared = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let workspaces = aws_sdk_workspaces::Client::new(&shared);
    let cloudwatch = aws_sdk_cloudwatch::Client::new(&shared);
    let ids: Vec<String> = workspaces
        .describe_workspaces()
        .into_paginator()
        .page_size(25)
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| format!("DescribeWorkspaces: {}", DisplayErrorContext(e)))?
        .into_iter()
        .filter_map(|w| w.workspace_id)
        .collect();
    let periods = usize::try_from((end - start) / PERIOD_SECONDS)
        .unwrap_or(0)
        .max(1);
    let per_call = (MAX_DATAPOINTS_PER_CALL / periods).clamp(1, MAX_QUERIES_PER_CALL);
    let cloudwatch = &cloudwatch;
    futures::stream::iter(ids.chunks(per_call))
        .map(|batch| user_connected(cloudwatch, batch, start, end))
        .buffer_unordered(concurrency)
        .try_for_each(|_| async { Ok(()) })
        .await?;
    let workspaces = &workspaces;
    futures::stream::iter(tagged)
        .map(|id| async move {
            workspaces
                .describe_tags()
                .resource_id(&id)
                .send()
                .await
                .map_err(|e| format!("DescribeTags {id}: {}", DisplayErrorContext(e)))
        })
        .buffer_unordered(concurrency)
        .try_for_each(|_| async { Ok(()) })
        .await?;
    Ok(ids.len())
}

/// One packed GetMetricData call, and its further pages if any.
async fn user_connected(
    client: &aws_sdk_cloudwatch::Client,
    ids: &[String],
    start: i64,
    end: i64,
) -> Result<()> {
    let queries: Vec<MetricDataQuery> = ids
        .iter()
        .enumerate()
        .map(|(index, id)| user_connected_query(index, id))
        .collect();
    let mut next_token = None;
    loop {
        let output = client
            .get_metric_data()
            .set_metric_data_queries(Some(queries.clone()))
            .start_time(aws_smithy_types::DateTime::from_secs(start))
            .end_time(aws_smithy_types::DateTime::from_secs(end))
            .scan_by(ScanBy::TimestampAscending)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| format!("GetMetricData: {}", DisplayErrorContext(e)))?;
        next_token = output.next_token;
        if next_token.is_none() {
            return Ok(());
        }
    }
}
