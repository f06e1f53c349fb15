//! `--wait`: the one engine every verb waits with. Given targets, a poll
//! (one API call for many targets where the API allows), and a deadline, it
//! polls with backoff until each target is done or failed, showing one
//! spinner on stderr, and says which targets failed or were still going.

use std::future::Future;
use std::time::{Duration, Instant};

use futures::StreamExt;

use crate::context::Context;
use crate::duration::{self, compact};
use crate::error::{AppError, Result};
use crate::scope::Placed;

/// The first pause between polls; it doubles up to [`LONGEST_POLL`], so a
/// quick change is seen quickly and a slow one does not hammer the API.
const FIRST_POLL: Duration = Duration::from_millis(250);
const LONGEST_POLL: Duration = Duration::from_secs(10);

/// `--wait` and `--wait-timeout`, for verbs that start a change the service
/// finishes later. A verb whose change takes longer sets its own default
/// with `#[command(mut_arg("wait_timeout", |a| a.default_value("1h")))]`.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = crate::cli::OWN_OPTIONS)]
pub struct WaitArgs {
    /// Wait until the change is complete
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up after this long (90, 90s, 10m, 2h, 30d, 2w, 1h30m)
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "10m",
        value_parser = duration::positive(),
        requires = "wait"
    )]
    pub wait_timeout: Duration,
}

impl WaitArgs {
    /// The deadline; `None` without `--wait`.
    pub fn timeout(&self) -> Option<Duration> {
        self.wait.then_some(self.wait_timeout)
    }
}

/// What one poll learnt about one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Done,
    /// It will not get there; the reason is shown.
    Failed(String),
    Going,
}

/// How a target is named in messages.
pub trait Target: Clone {
    fn name(&self) -> &str;
}

/// A bare ID: a `String` or a typed ID.
impl<T: std::ops::Deref<Target = str> + Clone> Target for T {
    fn name(&self) -> &str {
        self
    }
}

impl Target for Placed<String> {
    fn name(&self) -> &str {
        &self.item
    }
}

/// What is waited for: "waiting for 3 `devices` to `reach ARCHIVED`".
pub struct Goal<'a> {
    pub noun: &'a str,
    pub goal: &'a str,
    pub timeout: Duration,
}

/// Polls until every target is done or failed, or `goal.timeout` passes.
/// `poll` is given the targets still going and answers, in the same order,
/// how each one is doing. Ok only when every target is done.
pub async fn until<T, F, Fut>(
    ctx: &Context,
    targets: Vec<T>,
    goal: &Goal<'_>,
    mut poll: F,
) -> Result<()>
where
    T: Target,
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = Result<Vec<Progress>>>,
{
    let total = targets.len();
    let indicator = Indicator::start(ctx, goal, total);
    let started = Instant::now();
    let mut going = targets;
    let mut failed: Vec<(T, String)> = Vec::new();
    let mut pause = FIRST_POLL;
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let answers = poll(going.clone()).await;
        let answers = match answers {
            Ok(answers) => answers,
            Err(err) => {
                indicator.finish();
                return Err(err);
            }
        };
        let mut answers = answers.into_iter();
        going.retain(|target| match answers.next().unwrap_or(Progress::Going) {
            Progress::Done => false,
            Progress::Failed(reason) => {
                failed.push((target.clone(), reason));
                false
            }
            Progress::Going => true,
        });
        indicator.show(total - going.len());
        if going.is_empty() || started.elapsed() >= goal.timeout {
            indicator.finish();
            return conclusion(ctx, goal, total, started.elapsed(), &failed, &going);
        }
        let remaining = goal.timeout.saturating_sub(started.elapsed());
        tokio::select! {
            () = tokio::time::sleep(pause.min(remaining)) => {}
            _ = &mut interrupted => {
                indicator.finish();
                return Err(AppError::Interrupted);
            }
        }
        pause = (pause * 2).min(LONGEST_POLL);
    }
}

/// A poll for APIs that describe one target a call: `check` for each,
/// `concurrency` at a time (the verb's `--concurrency`), answers in the
/// targets' order.
pub async fn each<T, F, Fut>(concurrency: usize, targets: Vec<T>, check: F) -> Result<Vec<Progress>>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<Progress>>,
{
    futures::stream::iter(targets)
        .map(check)
        .buffered(concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect()
}

/// The note on success; the error naming the failed and the late otherwise.
fn conclusion<T: Target>(
    ctx: &Context,
    goal: &Goal<'_>,
    total: usize,
    waited: Duration,
    failed: &[(T, String)],
    late: &[T],
) -> Result<()> {
    let Goal { noun, goal: to, .. } = goal;
    if failed.is_empty() && late.is_empty() {
        ctx.printer.note(format!(
            "waited {} for {total} {noun} to {to}",
            compact(waited)
        ));
        return Ok(());
    }
    let mut problems = Vec::new();
    if !failed.is_empty() {
        let mut named: Vec<String> = failed
            .iter()
            .map(|(target, reason)| format!("{} ({reason})", target.name()))
            .collect();
        named.sort_unstable();
        problems.push(format!(
            "{} of {total} {noun} failed to {to}: {}",
            failed.len(),
            named.join(", ")
        ));
    }
    if !late.is_empty() {
        let mut named: Vec<&str> = late.iter().map(Target::name).collect();
        named.sort_unstable();
        problems.push(format!(
            "gave up waiting after {}: {} of {total} {noun} did not {to}: {}",
            compact(goal.timeout),
            late.len(),
            named.join(", ")
        ));
    }
    Err(AppError::Failed(problems.join("; ")))
}

/// The one progress display of a wait: the printer's spinner (drawn only
/// when stderr is a terminal and not `--quiet`), with how many are done and
/// for how long.
struct Indicator {
    bar: indicatif::ProgressBar,
}

impl Indicator {
    fn start(ctx: &Context, goal: &Goal<'_>, total: usize) -> Indicator {
        let message = format!("waiting for {} to {}", goal.noun, goal.goal);
        let bar = ctx.printer.spinner(&message, None);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos}/{len} done ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.set_length(total as u64);
        Indicator { bar }
    }

    fn show(&self, done: usize) {
        self.bar.set_position(done as u64);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use crate::output::{Captured, Printer};
    use clap::Parser;

    fn context() -> (Context, Captured) {
        let cli = Cli::parse_from(["wsfleet", "devices", "list"]);
        let (printer, captured) = Printer::capture(&cli.global);
        (Context::new(&cli.global, printer), captured)
    }

    fn goal(timeout: Duration) -> Goal<'static> {
        Goal {
            noun: "things",
            goal: "finish",
            timeout,
        }
    }

    #[tokio::test]
    async fn polls_only_what_is_still_going_until_all_are_done() {
        let (ctx, captured) = context();
        let mut polls: Vec<Vec<String>> = Vec::new();
        let targets = vec!["a".to_owned(), "b".to_owned()];
        until(&ctx, targets, &goal(Duration::from_secs(10)), |going| {
            polls.push(going.clone());
            let round = polls.len();
            async move {
                Ok(going
                    .iter()
                    .map(|t| match (t.as_str(), round) {
                        ("a", _) | ("b", 3) => Progress::Done,
                        _ => Progress::Going,
                    })
                    .collect())
            }
        })
        .await
        .unwrap();
        assert_eq!(polls, [vec!["a", "b"], vec!["b"], vec!["b"]]);
        // Only a note, on stderr: stdout is the verb's.
        assert_eq!(captured.stdout(), "");
        assert!(
            captured.stderr().ends_with("for 2 things to finish\n"),
            "{}",
            captured.stderr()
        );
    }

    #[tokio::test]
    async fn names_the_failed_and_the_late() {
        let (ctx, captured) = context();
        let targets = vec!["ok".to_owned(), "bad".to_owned(), "slow".to_owned()];
        let err = until(&ctx, targets, &goal(Duration::ZERO), |going| async move {
            Ok(going
                .iter()
                .map(|t| match t.as_str() {
                    "ok" => Progress::Done,
                    "bad" => Progress::Failed("ERROR".to_owned()),
                    _ => Progress::Going,
                })
                .collect())
        })
        .await
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("1 of 3 things failed to finish: bad (ERROR)"),
            "{err}"
        );
        assert!(
            err.contains("gave up waiting after 0ms: 1 of 3 things did not finish: slow"),
            "{err}"
        );
        assert_eq!(captured.stdout(), "");
    }
}
