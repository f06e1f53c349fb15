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
//! ```
//!
//! Prints one line, the number of items listed or deregistered, so the
//! harness can check the work was all done.

use std::process::ExitCode;

use aws_config::BehaviorVersion;
use aws_sdk_workspacesthinclient::Client;
use aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesOutput;
use aws_smithy_types::error::display::DisplayErrorContext;
use futures::{StreamExt, TryStreamExt};

// wsfleet's own code, compiled here too: the `api.` host prefix must be
// dropped exactly as wsfleet drops it for the requests to be the same.
#[path = "../../../src/scope/host_prefix.rs"]
mod host_prefix;
use host_prefix::StripHostPrefixForCustomEndpoint;

/// ListDevices' largest page, as wsfleet asks for.
const PAGE_SIZE: i32 = 50;

const USAGE: &str = "usage: wsfleet-bench-floor list | details CONCURRENCY | \
                     deregister CONCURRENCY IDS_FILE | workspaces CONCURRENCY";

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
            let ids = tokio::fs::read_to_string(file)
                .await
                .map_err(|e| format!("cannot read {file}: {e}"))?;
            let ids: Vec<String> = ids.split_whitespace().map(str::to_owned).collect();
            deregister(&client().await, ids, concurrency).await
        }
        ["workspaces", concurrency] => workspaces(parse_concurrency(concurrency)?).await,
        _ => Err(USAGE.to_owned()),
    }
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
