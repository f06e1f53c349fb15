//! `--wait`: poll until every target reaches its final state, with a
//! spinner on stderr, giving up after `--wait-timeout`.

use std::future::Future;
use std::time::{Duration, Instant};

use futures::StreamExt;

use crate::context::Context;
use crate::error::{AppError, Result};
use crate::scope::{PlaceId, Placed};

/// The first pause between polls; it doubles up to [`LONGEST_POLL`], so a
/// quick change is seen quickly and a slow one does not hammer the API.
const FIRST_POLL: Duration = Duration::from_millis(250);
const LONGEST_POLL: Duration = Duration::from_secs(5);

/// `--wait` and `--wait-timeout`, for verbs that start a change the service
/// finishes later.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = crate::cli::OWN_OPTIONS)]
pub struct WaitArgs {
    /// Wait until the change is complete
    #[arg(long)]
    pub wait: bool,

    /// Give up waiting after this long (seconds, or 90s, 10m, 1h)
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "10m",
        requires = "wait"
    )]
    pub wait_timeout: String,
}

impl WaitArgs {
    /// The timeout, checked locally; `None` without `--wait`.
    pub fn timeout(&self) -> Result<Option<Duration>> {
        if !self.wait {
            return Ok(None);
        }
        crate::validate::duration(&self.wait_timeout).map(Some)
    }
}

/// Polls `reached` for each ID (with its place), `concurrency` at a
/// time, until all say yes. `goal` completes the spinner's "waiting for N
/// ... to ..." message.
pub async fn until<F, Fut>(
    ctx: &Context,
    concurrency: usize,
    ids: Vec<Placed<String>>,
    noun: &str,
    goal: &str,
    timeout: Duration,
    reached: F,
) -> Result<()>
where
    F: Fn(PlaceId, String) -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    let total = ids.len();
    let spinner = ctx.printer.spinner("", None);
    let started = Instant::now();
    let mut pending = ids;
    let mut pause = FIRST_POLL;
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        spinner.set_message(format!(
            "waiting for {} of {total} {noun} to {goal} ({}s)",
            pending.len(),
            started.elapsed().as_secs()
        ));
        let checks: Vec<(Placed<String>, Result<bool>)> = futures::stream::iter(pending)
            .map(|target| {
                let check = reached(target.place, target.item.clone());
                async move { (target, check.await) }
            })
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
        pending = Vec::new();
        for (id, outcome) in checks {
            if !outcome? {
                pending.push(id);
            }
        }
        if pending.is_empty() {
            spinner.finish_and_clear();
            ctx.printer.note(format!(
                "waited {}s for {total} {noun} to {goal}",
                started.elapsed().as_secs()
            ));
            return Ok(());
        }
        if started.elapsed() >= timeout {
            spinner.finish_and_clear();
            let mut late: Vec<&str> = pending.iter().map(|t| t.item.as_str()).collect();
            late.sort_unstable();
            return Err(AppError::Failed(format!(
                "gave up waiting after {}s: {} of {total} {noun} did not {goal}: {}",
                timeout.as_secs(),
                late.len(),
                late.join(", ")
            )));
        }
        let remaining = timeout.saturating_sub(started.elapsed());
        tokio::select! {
            () = tokio::time::sleep(pause.min(remaining)) => {}
            _ = &mut interrupted => {
                spinner.finish_and_clear();
                return Err(AppError::Interrupted);
            }
        }
        pause = (pause * 2).min(LONGEST_POLL);
    }
}
