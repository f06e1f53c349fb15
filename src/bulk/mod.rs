//! The one executor behind every bulk verb: bounded concurrency, the SDK's
//! retries plus our own on throttling (honouring `Retry-After`), one
//! idempotency token per target kept across retries, a progress bar on a
//! terminal, a per-target result at the end, and Ctrl-C that stops
//! dispatching but lets requests in flight finish.

pub mod invocation;
pub mod journal;
pub mod plan;
pub mod targets;

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use serde_json::Value;

use std::path::PathBuf;

use crate::cli::BulkArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{Column, Format, Names, Printer, Referred, Resource, columns_get as get};
use crate::scope::{Place, PlaceId, Placed, Places, Session};
use journal::JournalTarget;
use journal::{JournalWriter, Resume};
use targets::Named;

use crate::api::retry::retry_delay;
pub use crate::api::retry::retrying;

/// One target of a bulk verb, with the client token every attempt for it
/// carries, so a retried request the service already applied is a no-op,
/// and the place (region and account) whose client changes it.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub client_token: String,
    pub place: PlaceId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Failed {
        code: String,
        message: String,
    },
    NotStarted,
    /// Left out by the plan, unsent: the change would fail or do nothing.
    /// Not a failure; `--resume` plans it again.
    Skipped {
        reason: String,
    },
}

impl Outcome {
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Failed { .. } => "failed",
            Outcome::NotStarted => "not-started",
            Outcome::Skipped { .. } => "skipped",
        }
    }
}

/// What became of a target.
#[derive(Debug, Clone)]
pub struct TargetResult {
    pub target: Target,
    /// Where the target lives, when the run spans several places.
    pub at: Option<Place>,
    pub outcome: Outcome,
    /// Rounds sent for this target (each may include the SDK's own retries).
    pub attempts: u32,
    /// What a person knows the target by (a device's name, a WorkSpace's
    /// user), looked up for a table of results only.
    pub name: Option<String>,
}

impl TargetResult {
    /// The target as the journal names it.
    pub fn named(&self) -> Named {
        named_at(&self.target.id, self.at.as_ref())
    }
}

fn named_at(id: &str, at: Option<&Place>) -> Named {
    Named {
        id: id.to_owned(),
        region: at.map(|p| p.region.clone()),
        account: at.map(|p| p.account.clone()),
    }
}

impl Resource for TargetResult {
    const KIND: &'static str = "result";

    fn columns() -> &'static [Column<Self>] {
        const COLUMNS: &[Column<TargetResult>] = &[
            Column::new("id", |r: &TargetResult| get::text(Some(&r.target.id))).shown("ID"),
            Column::new("name", |r: &TargetResult| get::text(r.name.as_deref())).shown("NAME"),
            Column::new("outcome", |r: &TargetResult| {
                get::text(Some(r.outcome.word()))
            })
            .shown("OUTCOME"),
            Column::new("code", |r: &TargetResult| match &r.outcome {
                Outcome::Failed { code, .. } => get::text(Some(code)),
                _ => None,
            })
            .shown("CODE"),
            Column::new("error", |r: &TargetResult| match &r.outcome {
                Outcome::Failed { message, .. } => get::text(Some(message)),
                // Why the plan left it out, where a failure says what went wrong.
                Outcome::Skipped { reason } => get::text(Some(reason)),
                _ => None,
            })
            .shown("ERROR"),
            Column::new("attempts", |r: &TargetResult| Some(Value::from(r.attempts))),
        ];
        COLUMNS
    }
}

/// Every target's result, in the order the targets were given.
#[derive(Debug)]
pub struct Report {
    pub action: &'static str,
    pub results: Vec<TargetResult>,
    pub interrupted: bool,
    /// The interruption was SIGTERM (exit 143, not 130).
    pub terminated: bool,
    /// Where the outcomes were journaled, for `--resume`.
    pub journal: Option<PathBuf>,
}

impl Report {
    /// The targets that were changed, with their places, in order.
    pub fn done(&self) -> Vec<Placed<String>> {
        self.results
            .iter()
            .filter(|r| r.outcome == Outcome::Done)
            .map(|r| Placed::new(r.target.place, r.target.id.clone()))
            .collect()
    }

    pub fn count(&self, word: &str) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome.word() == word)
            .count()
    }

    /// Writes the per-target results to stdout in the chosen format, the
    /// counts to stderr, and turns failures into exit 1 and an interruption
    /// into exit 130.
    pub fn finish(self, ctx: &Context) -> Result<()> {
        let mut writer = ctx.printer.default_list::<TargetResult>()?;
        writer.locate(self.results.iter().any(|r| r.at.is_some()));
        for result in &self.results {
            writer.write_at(result, result.at.as_ref())?;
        }
        writer.finish()?;
        let (done, failed, not_started, skipped) = (
            self.count("done"),
            self.count("failed"),
            self.count("not-started"),
            self.count("skipped"),
        );
        let skipped_note = match skipped {
            0 => String::new(),
            n => format!(", {n} left out"),
        };
        ctx.printer.note(format!(
            "{}: {done} done, {failed} failed, {not_started} not started{skipped_note}",
            self.action
        ));
        if skipped > 0 && skipped == self.results.len() {
            ctx.printer.note(format!(
                "nothing was sent: the plan left out every target to {}",
                self.action
            ));
        }
        if let Some(path) = self.journal.as_ref().filter(|_| failed + not_started > 0) {
            ctx.printer.note(format!(
                "to finish what is left, run the same command with --resume {}",
                path.display()
            ));
        }
        if self.terminated {
            Err(AppError::Terminated)
        } else if self.interrupted {
            Err(AppError::Interrupted)
        } else if failed > 0 {
            Err(AppError::Failed(format!(
                "{failed} of {} targets failed to {}",
                self.results.len(),
                self.action
            )))
        } else {
            Ok(())
        }
    }
}

/// What one call returns: each target of the batch with its result.
pub type BatchResult = crate::api::IdResults;

pub struct Executor<'a> {
    pub concurrency: usize,
    /// Targets per request: 1 for per-item APIs, 25 for WorkSpaces batches.
    pub batch_size: usize,
    /// Draws the progress bar and says an interruption.
    pub printer: Printer,
    /// Where outcomes are journaled (created, its start line written,
    /// before any request); `None` journals nothing.
    pub journal: std::sync::Mutex<Option<JournalWriter>>,
    /// `--resume`: an earlier run whose done targets are skipped and whose
    /// tokens are reused.
    pub resume: Option<&'a Resume>,
    /// Each place's region and account, when the targets span several;
    /// results and the journal then say where each target lives.
    pub places: Option<Vec<Place>>,
    /// Each place's session, where a table of results looks up the
    /// targets' names.
    pub sessions: Vec<Session>,
    /// The targets the plan settled before any request (left out, or not
    /// found): journaled and reported with this outcome, never sent.
    pub settled: plan::Settled,
}

impl<'a> Executor<'a> {
    /// The executor for a verb: its `--concurrency`, a progress bar on a
    /// terminal, the journal (`--journal`, else one under the user's state
    /// directory), `--resume`, and the places the targets live in.
    pub fn for_verb(
        ctx: &Context,
        bulk: &'a BulkArgs,
        places: &Places,
        batch_size: usize,
    ) -> Executor<'a> {
        Executor {
            concurrency: bulk.concurrency.get(),
            batch_size: batch_size.max(1),
            printer: ctx.printer.clone(),
            journal: std::sync::Mutex::new(ctx.take_journal()),
            resume: bulk.resume.as_ref(),
            places: places.all(),
            sessions: places.sessions().to_vec(),
            settled: HashMap::new(),
        }
    }

    /// The outcomes the plan decided for targets it will not send.
    pub fn settled(mut self, settled: plan::Settled) -> Self {
        self.settled = settled;
        self
    }

    /// Runs `call` on the targets, `batch_size` at a time (a batch holds
    /// targets of one place only), `concurrency` calls at once. `call` gets
    /// the batch and reports each target's result.
    /// Fails, before any request, only when the journal's targets line
    /// cannot be written.
    pub async fn run<F, Fut>(
        &self,
        action: &'static str,
        targets: Vec<Placed<String>>,
        call: F,
    ) -> Result<Report>
    where
        F: Fn(Vec<Target>) -> Fut,
        Fut: Future<Output = BatchResult>,
    {
        let journal = self
            .journal
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        let mut report = self
            .run_until(
                action,
                targets,
                call,
                interruptions(self.printer.clone()),
                journal,
            )
            .await?;
        self.name_targets(&mut report).await;
        Ok(report)
    }

    /// A table of results shows each target's name beside its ID: one
    /// listing of the targets' kind a place, none for JSON, NDJSON or CSV
    /// or after an interruption.
    async fn name_targets(&self, report: &mut Report) {
        if self.printer.format() != Format::Table || report.interrupted || report.terminated {
            return;
        }
        let wanted = report
            .results
            .iter()
            .map(|r| Referred {
                kinds: crate::resources::names::ANY,
                id: r.target.id.clone(),
            })
            .collect();
        let mut names = Names::default();
        for session in &self.sessions {
            crate::resources::names::look_up(session, &self.printer, &wanted, &mut names).await;
        }
        for result in &mut report.results {
            result.name = names.name_of(&result.target.id).map(str::to_owned);
        }
    }

    /// [`Executor::run`] with the interruption signal given, so tests can
    /// interrupt without a real Ctrl-C.
    pub async fn run_until<F, Fut, S>(
        &self,
        action: &'static str,
        targets: Vec<Placed<String>>,
        call: F,
        interrupt: S,
        journal: Option<JournalWriter>,
    ) -> Result<Report>
    where
        F: Fn(Vec<Target>) -> Fut,
        Fut: Future<Output = BatchResult>,
        S: futures::Stream<Item = Stop> + Unpin,
    {
        let progress = self.progress_bar(targets.len(), action);
        let place = |id: PlaceId| {
            self.places
                .as_ref()
                .and_then(|places| places.get(id.0))
                .cloned()
        };
        let tokens = journal::tokens(self.resume);
        let mut results: Vec<TargetResult> = targets
            .into_iter()
            .map(|target| {
                let at = place(target.place);
                let client_token = tokens
                    .get(&named_at(&target.item, at.as_ref()))
                    .cloned()
                    .unwrap_or_else(new_client_token);
                TargetResult {
                    target: Target {
                        id: target.item,
                        client_token,
                        place: target.place,
                    },
                    at,
                    outcome: Outcome::NotStarted,
                    attempts: 0,
                    name: None,
                }
            })
            .collect();
        // Each target's position in `results`: the same ID may be a target
        // in two places, so a batch's answers are matched within the batch.
        let targets: Vec<(usize, Target)> = results
            .iter()
            .enumerate()
            .map(|(position, result)| (position, result.target.clone()))
            .collect();
        let mut journal = journal;
        if let Some(writer) = journal.as_mut() {
            let journaled: Vec<JournalTarget> = targets
                .iter()
                .map(|(position, target)| JournalTarget {
                    named: results[*position].named(),
                    client_token: target.client_token.clone(),
                })
                .collect();
            writer.start(&journaled)?;
        }
        let mut journal_failed = false;
        let mut record = |result: &TargetResult| {
            if let Some(writer) = journal.as_mut()
                && let Err(err) = writer.record(result)
                && !std::mem::replace(&mut journal_failed, true)
            {
                // The run goes on: the changes matter more than their record.
                let warning = writer.write_error(&err);
                progress.suspend(|| self.printer.alert(format!("warning: {warning}")));
            }
        };
        // What an earlier run finished is done; it is not sent again.
        let already_done = self.resume.map(|r| &r.done);
        let mut queue = VecDeque::with_capacity(targets.len());
        for (position, target) in targets {
            if already_done.is_some_and(|done| done.contains(&results[position].named())) {
                results[position].outcome = Outcome::Done;
                record(&results[position]);
                progress.inc(1);
            } else if let Some(outcome) = self.settled.get(&(target.place, target.id.clone())) {
                results[position].outcome = outcome.clone();
                record(&results[position]);
                progress.inc(1);
            } else {
                queue.push_back((position, target));
            }
        }

        type Batch = Vec<(usize, Target)>;
        type InFlight<'a> = Pin<Box<dyn Future<Output = (Batch, BatchResult)> + 'a>>;
        let mut in_flight: FuturesUnordered<InFlight<'_>> = FuturesUnordered::new();
        let dispatch = |batch: Batch, delay: Duration| -> InFlight<'_> {
            let future = call(batch.iter().map(|(_, target)| target.clone()).collect());
            Box::pin(async move {
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                (batch, future.await)
            })
        };

        let mut interrupt = interrupt;
        let mut interrupted = false;
        let mut stopped_by = None;
        loop {
            while !interrupted && in_flight.len() < self.concurrency {
                let Some(batch) = next_batch(&mut queue, self.batch_size) else {
                    break;
                };
                for (position, _) in &batch {
                    results[*position].attempts += 1;
                }
                in_flight.push(dispatch(batch, Duration::ZERO));
            }
            if in_flight.is_empty() {
                break;
            }
            tokio::select! {
                // An interruption is seen before more results are taken, so
                // it stops dispatching even when results are always ready.
                biased;
                // Polled after the first interruption too: the signal stream
                // is what ends the program on the second Ctrl-C.
                Some(stop) = interrupt.next() => {
                    if interrupted {
                        continue;
                    }
                    interrupted = true;
                    stopped_by = Some(stop);
                    progress.suspend(|| self.printer.alert(format!(
                        "{}: not starting {} more; waiting for {} in flight (Ctrl-C again to abort now)",
                        stop.word(), queue.len(), in_flight.len()
                    )));
                    queue.clear();
                }
                Some((batch, batch_results)) = in_flight.next() => {
                    for (id, result) in batch_results {
                        let Some((i, target)) = batch.iter().find(|(_, t)| t.id == id) else {
                            continue;
                        };
                        let i = *i;
                        match result {
                            Ok(()) => {
                                results[i].outcome = Outcome::Done;
                                record(&results[i]);
                                progress.inc(1);
                            }
                            Err(err) => {
                                let retry = retry_delay(&err, results[i].attempts);
                                match (retry, interrupted) {
                                    (Some(delay), false) => {
                                        results[i].attempts += 1;
                                        tracing::info!(target = %id, ?delay, "retrying after {err}");
                                        in_flight.push(dispatch(vec![(i, target.clone())], delay));
                                    }
                                    _ => {
                                        results[i].outcome = failure(&err);
                                        record(&results[i]);
                                        progress.inc(1);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        progress.finish_and_clear();
        // What the plan left out is settled too: nothing is left to finish.
        let all_done = results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Done | Outcome::Skipped { .. }));
        let journal = journal.map(|writer| {
            if all_done {
                writer.finished()
            } else {
                writer.path.clone()
            }
        });
        Ok(Report {
            action,
            results,
            interrupted,
            terminated: stopped_by == Some(Stop::Terminate),
            journal,
        })
    }

    fn progress_bar(&self, len: usize, action: &str) -> indicatif::ProgressBar {
        if len < 2 {
            return indicatif::ProgressBar::hidden();
        }
        self.printer.progress_bar(len, action)
    }
}

/// The next batch: the first queued target and up to `size - 1` more of the
/// same place (a request goes to one region of one account), in order.
fn next_batch(queue: &mut VecDeque<(usize, Target)>, size: usize) -> Option<Vec<(usize, Target)>> {
    let first = queue.pop_front()?;
    let place = first.1.place;
    let mut batch = vec![first];
    let mut i = 0;
    while batch.len() < size && i < queue.len() {
        if queue[i].1.place == place {
            if let Some(next) = queue.remove(i) {
                batch.push(next);
            }
        } else {
            i += 1;
        }
    }
    Some(batch)
}

fn failure(err: &AppError) -> Outcome {
    match err.aws() {
        Some(aws) => Outcome::Failed {
            code: aws.code_or_kind().to_owned(),
            message: aws.message.clone(),
        },
        None => Outcome::Failed {
            code: "Error".to_owned(),
            message: err.to_string(),
        },
    }
}

fn new_client_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// What stops a bulk run early: Ctrl-C (SIGINT) or SIGTERM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Interrupt,
    Terminate,
}

impl Stop {
    fn word(self) -> &'static str {
        match self {
            Stop::Interrupt => "interrupted",
            Stop::Terminate => "terminated",
        }
    }

    fn exit_code(self) -> u8 {
        match self {
            Stop::Interrupt => crate::error::exit::INTERRUPTED,
            Stop::Terminate => crate::error::exit::TERMINATED,
        }
    }
}

/// Ctrl-C and SIGTERM as a stream: the first ends dispatching; a second of
/// either ends the program at once (exit 130, or 143 for SIGTERM).
fn interruptions(printer: Printer) -> Pin<Box<dyn futures::Stream<Item = Stop> + Send>> {
    Box::pin(futures::stream::unfold(
        (0u32, terminations()),
        move |(seen, mut terminate)| {
            let printer = printer.clone();
            async move {
                let stop = tokio::select! {
                    () = ctrl_c_or_never() => Stop::Interrupt,
                    () = terminate_or_never(&mut terminate) => Stop::Terminate,
                };
                if seen >= 1 {
                    printer.alert("aborted");
                    std::process::exit(i32::from(stop.exit_code()));
                }
                Some((stop, (seen + 1, terminate)))
            }
        },
    ))
}

async fn ctrl_c_or_never() {
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handling here: never interrupt.
        std::future::pending::<()>().await;
    }
}

#[cfg(unix)]
type Terminations = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Terminations = Option<()>;

fn terminations() -> Terminations {
    #[cfg(unix)]
    {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

async fn terminate_or_never(terminations: &mut Terminations) {
    #[cfg(unix)]
    if let Some(signal) = terminations.as_mut()
        && signal.recv().await.is_some()
    {
        return;
    }
    let _ = terminations;
    std::future::pending::<()>().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AwsError;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn throttled() -> AppError {
        AppError::Aws(Box::new(AwsError {
            retry_after: Some(Duration::from_millis(1)),
            ..AwsError::service("DeregisterDevice", "ThrottlingException", "slow down")
        }))
    }

    fn conflict() -> AppError {
        AppError::Aws(Box::new(AwsError::service(
            "DeregisterDevice",
            "ConflictException",
            "busy",
        )))
    }

    fn executor<'a>(concurrency: usize, batch_size: usize) -> Executor<'a> {
        let cli = <crate::cli::Cli as clap::Parser>::try_parse_from(["wsfleet", "report"]).unwrap();
        Executor {
            concurrency,
            batch_size,
            printer: Printer::capture(&cli.global).0,
            journal: std::sync::Mutex::new(None),
            resume: None,
            places: None,
            sessions: Vec::new(),
            settled: HashMap::new(),
        }
    }

    fn test_invocation() -> invocation::Invocation {
        invocation::Invocation {
            resource: "devices".into(),
            action: "delete".into(),
            parameters: Vec::new(),
            targets_from_file: false,
        }
    }

    fn ids(n: usize) -> Vec<Placed<String>> {
        (0..n)
            .map(|i| Placed::new(PlaceId(0), format!("t{i}")))
            .collect()
    }

    #[tokio::test]
    async fn concurrency_is_bounded_and_every_target_done_once() {
        let running = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let calls = Mutex::new(Vec::new());
        let report = executor(4, 1)
            .run_until(
                "deregister",
                ids(40),
                |batch| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    calls.lock().unwrap().push(batch[0].id.clone());
                    let running = &running;
                    async move {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                        running.fetch_sub(1, Ordering::SeqCst);
                        vec![(batch[0].id.clone(), Ok(()))]
                    }
                },
                futures::stream::pending(),
                None,
            )
            .await
            .unwrap();
        assert_eq!(report.count("done"), 40);
        assert!(peak.load(Ordering::SeqCst) <= 4);
        assert_eq!(peak.load(Ordering::SeqCst), 4);
        let mut seen = calls.into_inner().unwrap();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 40);
        // Results keep the order the targets were given.
        assert_eq!(report.results[7].target.id, "t7");
    }

    #[tokio::test]
    async fn throttled_targets_retry_with_the_same_token_and_final_errors_fail() {
        let tokens = Mutex::new(std::collections::HashMap::<String, Vec<String>>::new());
        let report = executor(8, 1)
            .run_until(
                "update",
                ids(6),
                |batch| {
                    let target = batch[0].clone();
                    let attempt = {
                        let mut tokens = tokens.lock().unwrap();
                        let seen = tokens.entry(target.id.clone()).or_default();
                        seen.push(target.client_token.clone());
                        seen.len()
                    };
                    async move {
                        let result = match target.id.as_str() {
                            "t0" | "t1" if attempt < 3 => Err(throttled()),
                            "t5" => Err(conflict()),
                            _ => Ok(()),
                        };
                        vec![(target.id, result)]
                    }
                },
                futures::stream::pending(),
                None,
            )
            .await
            .unwrap();
        assert_eq!(report.count("done"), 5);
        assert_eq!(report.count("failed"), 1);
        assert_eq!(
            report.results[5].outcome,
            Outcome::Failed {
                code: "ConflictException".into(),
                message: "busy".into()
            }
        );
        let tokens = tokens.into_inner().unwrap();
        assert_eq!(tokens["t0"].len(), 3);
        assert!(tokens["t0"].iter().all(|t| t == &tokens["t0"][0]));
        assert_ne!(tokens["t0"][0], tokens["t1"][0]);
        assert_eq!(report.results[0].attempts, 3);
    }

    #[tokio::test]
    async fn batches_hold_at_most_batch_size_targets() {
        let sizes = Mutex::new(Vec::new());
        let report = executor(2, 25)
            .run_until(
                "reboot",
                ids(60),
                |batch| {
                    sizes.lock().unwrap().push(batch.len());
                    async move { batch.into_iter().map(|t| (t.id, Ok(()))).collect() }
                },
                futures::stream::pending(),
                None,
            )
            .await
            .unwrap();
        assert_eq!(report.count("done"), 60);
        let mut sizes = sizes.into_inner().unwrap();
        sizes.sort();
        assert_eq!(sizes, [10, 25, 25]);
    }

    #[tokio::test]
    async fn a_batch_holds_one_place_and_results_say_where() {
        let batches = Mutex::new(Vec::new());
        let place = |region: &str| Place {
            region: region.to_owned(),
            account: "111111111111".to_owned(),
        };
        // The same ID in two places is two targets.
        let targets: Vec<Placed<String>> = (0..30)
            .map(|i| Placed::new(PlaceId(i % 2), format!("t{}", i / 2)))
            .collect();
        let report = Executor {
            places: Some(vec![place("us-east-1"), place("eu-west-1")]),
            ..executor(1, 25)
        }
        .run_until(
            "reboot",
            targets,
            |batch| {
                batches
                    .lock()
                    .unwrap()
                    .push(batch.iter().map(|t| t.place).collect::<Vec<_>>());
                async move {
                    let failing = batch.first().is_some_and(|t| t.place == PlaceId(1));
                    batch
                        .into_iter()
                        .map(|t| {
                            let result = if failing && t.id == "t3" {
                                Err(conflict())
                            } else {
                                Ok(())
                            };
                            (t.id, result)
                        })
                        .collect()
                }
            },
            futures::stream::pending(),
            None,
        )
        .await
        .unwrap();
        let batches = batches.into_inner().unwrap();
        assert_eq!(batches.len(), 2);
        for batch in &batches {
            assert_eq!(batch.len(), 15);
            assert!(batch.iter().all(|place| *place == batch[0]));
        }
        // t3 failed in eu-west-1 only; its us-east-1 twin is done.
        assert_eq!(report.count("failed"), 1);
        assert_eq!(report.results[6].target.id, "t3");
        assert_eq!(report.results[6].outcome, Outcome::Done);
        assert_eq!(report.results[7].target.id, "t3");
        assert_eq!(report.results[7].outcome.word(), "failed");
        assert_eq!(
            report.results[7].at.as_ref().map(|p| p.region.as_str()),
            Some("eu-west-1")
        );
    }

    #[tokio::test]
    async fn an_interruption_stops_dispatching_and_keeps_what_finished() {
        let (tx, rx) = futures::channel::mpsc::unbounded::<Stop>();
        let started = AtomicUsize::new(0);
        let report = executor(2, 1)
            .run_until(
                "delete",
                ids(20),
                |batch| {
                    if started.fetch_add(1, Ordering::SeqCst) == 3 {
                        let _ = tx.unbounded_send(Stop::Interrupt);
                    }
                    async move {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        vec![(batch[0].id.clone(), Ok(()))]
                    }
                },
                rx,
                None,
            )
            .await
            .unwrap();
        assert!(report.interrupted);
        let done = report.count("done");
        assert_eq!(done, started.load(Ordering::SeqCst));
        assert!(done < 20);
        assert_eq!(report.count("not-started"), 20 - done);
    }

    #[tokio::test]
    async fn a_resumed_run_skips_what_was_done_and_reuses_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let first_journal = dir.path().join("first.ndjson");
        let (tx, rx) = futures::channel::mpsc::unbounded::<Stop>();
        let started = AtomicUsize::new(0);
        let first = executor(1, 1)
            .run_until(
                "delete",
                ids(10),
                |batch| {
                    if started.fetch_add(1, Ordering::SeqCst) == 3 {
                        let _ = tx.unbounded_send(Stop::Interrupt);
                    }
                    async move { vec![(batch[0].id.clone(), Ok(()))] }
                },
                rx,
                Some(JournalWriter::create(&first_journal, &test_invocation(), false).unwrap()),
            )
            .await
            .unwrap();
        assert!(first.interrupted);
        let done_first = first.count("done");
        assert!(done_first > 0 && done_first < 10);

        let resume = crate::bulk::journal::read(&first_journal).unwrap();
        let resume = &resume;
        let sent = Mutex::new(Vec::new());
        let second = Executor {
            resume: Some(resume),
            ..executor(4, 1)
        }
        .run_until(
            "delete",
            ids(10),
            |batch| {
                sent.lock().unwrap().push(batch[0].clone());
                async move { vec![(batch[0].id.clone(), Ok(()))] }
            },
            futures::stream::pending(),
            None,
        )
        .await
        .unwrap();
        assert_eq!(second.count("done"), 10);
        let sent = sent.into_inner().unwrap();
        assert_eq!(sent.len(), 10 - done_first);
        for target in &sent {
            assert!(!resume.done.contains(&Named::id(target.id.clone())));
            assert_eq!(
                Some(target.client_token.as_str()),
                resume.token_for(&target.id)
            );
        }
    }
}
