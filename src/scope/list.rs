//! Reading several places (regions of accounts) at once: every `list` verb runs its
//! listing in each (profile, region) concurrently and writes the rows as the
//! pages arrive, each tagged with its region and account. A region or
//! account that fails is reported on stderr with the reason while the
//! others' rows are all printed, and the exit is 1.

use std::collections::VecDeque;
use std::future::Future;

use futures::StreamExt;
use futures::stream::{BoxStream, FuturesUnordered};

use super::{Place, Reached, Service, Session, SessionOptions, reached};
use crate::api::Pages;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{ListWriter, Out, Resource};
use crate::resources::names::show_names;

/// A listing's pages, one at a time: each API's pager implements it, so one
/// runner serves every `list` verb in one region or many.
pub trait PageSource<T> {
    fn next_page(&mut self) -> impl Future<Output = Result<Option<Vec<T>>>>;
}

impl<T: Send + 'static> PageSource<T> for Pages<T> {
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        Pages::next_page(self).await
    }
}

/// A listing with a client-side filter: what the API cannot filter.
pub struct Filtered<S, F> {
    pub source: S,
    pub keep: F,
}

impl<T, S: PageSource<T>, F: Fn(&T) -> bool> PageSource<T> for Filtered<S, F> {
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        let page = self.source.next_page().await?;
        Ok(page.map(|mut items| {
            items.retain(|item| (self.keep)(item));
            items
        }))
    }
}

/// A listing whose pages are completed by another call (the details only
/// a Get returns) before they are written.
pub struct Enriched<S, F> {
    pub source: S,
    pub enrich: F,
}

impl<T, S, F, Fut> PageSource<T> for Enriched<S, F>
where
    S: PageSource<T>,
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = Result<Vec<T>>>,
{
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        match self.source.next_page().await? {
            Some(page) => Ok(Some((self.enrich)(page).await?)),
            None => Ok(None),
        }
    }
}

/// Runs a listing in every place the command line names and writes what it
/// returns with `writer` (from [`crate::output::Printer::list`]): the one
/// path of every `list` verb. `open` starts the listing with a place's
/// session; rows are tagged with region and account when there is more than
/// one place, or the places are accounts reached through `--assume-role`
/// (or `--columns` asks for them).
pub async fn list<T, S, F>(
    ctx: &Context,
    service: Service,
    mut writer: ListWriter<'_, T, Out>,
    open: F,
    plural: &str,
) -> Result<()>
where
    T: Resource,
    S: PageSource<T>,
    F: Fn(&Session) -> S,
{
    // Accounts reached through a role are always named on their rows, as
    // are the places of several profiles or regions.
    let several = ctx.assume_role.is_some()
        || super::profiles(ctx).len() * super::regions(ctx, service).len() > 1;
    writer.locate(several);
    let (failures, asked) = if !writer.is_located() {
        let session = ctx.session().await?;
        let mut source = open(session);
        let mut page = source.next_page().await?;
        while let Some(items) = page {
            // The next page is asked for before this one is written: its
            // request goes out (polled first) while the rows render, so a
            // page's round trip and its rendering overlap.
            let write = async {
                for item in &items {
                    writer.write(item)?;
                }
                writer.flush()
            };
            let (next, written) = futures::join!(source.next_page(), write);
            written?;
            page = next?;
        }
        show_names(&ctx.printer, &mut writer, std::slice::from_ref(session)).await;
        (Vec::new(), 1)
    } else {
        let (read, failures, asked) =
            write_places(reached(ctx, service), &open, &mut writer, service).await?;
        // Each place's rows are named from that place: one lookup of a kind a place.
        show_names(&ctx.printer, &mut writer, &read).await;
        (failures, asked)
    };
    let count = writer.finish()?;
    if failures.is_empty() {
        ctx.printer
            .note_if_none(count, format!("no {plural} found"));
    }
    for (described, err) in &failures {
        ctx.printer.report(err, Some(described));
    }
    match failures.len() {
        0 => Ok(()),
        n => Err(AppError::Failed(format!(
            "{n} of {asked} regions/accounts failed; the rows of the others were printed"
        ))),
    }
}

/// The most places read at once. Each holds one request in flight (a
/// connection, a file descriptor): 400 places (100 accounts in 4 regions)
/// are read at once, and 15 regions of 1,000 accounts stay under the usual
/// limit of 1,024 open files, the rest waiting for a place to finish.
const PLACES_AT_ONCE: usize = 512;

/// The listing of every place at once (up to [`PLACES_AT_ONCE`]), each
/// started as soon as it is known, one page in flight per place, rows
/// written as each page arrives; the sessions of the places read in full
/// (a table's names are looked up in each), the places that failed,
/// described, with why, and how many were asked for.
async fn write_places<T, S, F, W>(
    mut reached: BoxStream<'_, Result<Reached>>,
    open: &F,
    writer: &mut ListWriter<'_, T, W>,
    service: Service,
) -> Result<(Vec<Session>, Vec<(String, AppError)>, usize)>
where
    T: Resource,
    S: PageSource<T>,
    F: Fn(&Session) -> S,
    W: std::io::Write,
{
    let mut read = Vec::new();
    let mut failures = Vec::new();
    let mut asked = 0;
    let mut waiting = VecDeque::new();
    let mut pending = FuturesUnordered::new();
    let mut all_known = false;
    loop {
        while pending.len() < PLACES_AT_ONCE
            && let Some(options) = waiting.pop_front()
        {
            pending.push(next_page(options, None, open, service));
        }
        if all_known && pending.is_empty() {
            return Ok((read, failures, asked));
        }
        tokio::select! {
            next = reached.next(), if !all_known => match next {
                Some(Ok(Reached::Place(options))) => {
                    asked += 1;
                    waiting.push_back(options);
                }
                Some(Ok(Reached::Unreachable(described, err))) => {
                    asked += 1;
                    failures.push((described, err));
                }
                // Nothing known yet: the run fails as a whole, as before
                // any listing.
                Some(Err(err)) if asked == 0 => return Err(err),
                Some(Err(err)) => {
                    asked += 1;
                    failures.push(("the rest of the accounts".to_owned(), err));
                }
                None => all_known = true,
            },
            Some((options, step)) = pending.next(), if !pending.is_empty() => match step {
                Ok((reading, Some(items))) => {
                    for item in &items {
                        writer.write_at(item, Some(&reading.place))?;
                    }
                    writer.flush()?;
                    pending.push(next_page(options, Some(reading), open, service));
                }
                Ok((reading, None)) => read.push(reading.session),
                Err(err) => failures.push((options.describe(), err)),
            },
        }
    }
}

/// One place being read: where it is, its session, its listing.
struct Reading<S> {
    place: Place,
    session: Session,
    source: S,
}

/// A place's session and its `service` client, built on one of the
/// runtime's worker threads: the listing of every place runs in one task,
/// and over hundreds of places building their sessions and clients is CPU
/// the task's thread would otherwise spend alone.
async fn open_on_a_worker(options: &SessionOptions, service: Service) -> Result<Session> {
    let options = options.clone();
    let opened = tokio::spawn(async move {
        let session = Session::open(&options, None).await?;
        session.prepare(service);
        Ok(session)
    });
    opened
        .await
        .map_err(|err| AppError::Failed(format!("opening a session: {err}")))?
}

/// A place's next page: its session opened first when it has not started
/// (`None`); `None` back when its listing is done.
async fn next_page<T, S, F>(
    options: SessionOptions,
    started: Option<Reading<S>>,
    open: &F,
    service: Service,
) -> (SessionOptions, Result<(Reading<S>, Option<Vec<T>>)>)
where
    S: PageSource<T>,
    F: Fn(&Session) -> S,
{
    let step = async {
        let mut reading = match started {
            Some(started) => started,
            None => {
                let session = open_on_a_worker(&options, service).await?;
                let place = session
                    .place()
                    .ok_or_else(|| anyhow::anyhow!("the session's region or account is unknown"))?;
                let source = open(&session);
                Reading {
                    place,
                    session,
                    source,
                }
            }
        };
        let items = reading.source.next_page().await?;
        Ok((reading, items))
    };
    let step = step.await;
    (options, step)
}
