//! Measures how many simple requests per second the sandbox answers:
//! GetDevice from several tasks over keep-alive HTTP/1.1 connections.
//!
//! `cargo run -p wsfleet-sandbox --example throughput -- [tasks] [seconds]`

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use wsfleet_sandbox::{Config, Sandbox};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let tasks: usize = args.next().map_or(Ok(8), |arg| arg.parse())?;
    let seconds: u64 = args.next().map_or(Ok(5), |arg| arg.parse())?;

    let sandbox = Sandbox::start(Config::default()).await?;
    let ids = Arc::new(sandbox.device_ids());
    let answered = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..tasks)
        .map(|task| {
            let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
            let endpoint = sandbox.endpoint();
            let (ids, answered, failed) = (ids.clone(), answered.clone(), failed.clone());
            tokio::spawn(async move {
                let mut next = task;
                while Instant::now() < deadline {
                    let uri = format!("{endpoint}/devices/{}", ids[next % ids.len()]);
                    next += tasks;
                    let ok = match client.get(uri.parse().expect("a valid URI")).await {
                        Ok(response) => {
                            let status = response.status();
                            response.into_body().collect().await.is_ok() && status.is_success()
                        }
                        Err(_) => false,
                    };
                    let counter = if ok { &answered } else { &failed };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let answered = answered.load(Ordering::Relaxed);
    println!(
        "{answered} GetDevice answered in {elapsed:.2} s by {tasks} tasks: {:.0} requests/s ({} failed){}",
        answered as f64 / elapsed,
        failed.load(Ordering::Relaxed),
        if cfg!(debug_assertions) {
            " [debug build]"
        } else {
            ""
        }
    );
    sandbox.shutdown().await?;
    Ok(())
}
