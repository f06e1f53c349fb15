//! A listing read in parts at once. Paging is sequential: each page's token
//! comes with the page before, so a listing of P pages takes P round trips.
//! Where the API filters on a key that splits the set into disjoint parts
//! (DescribeWorkspaces by `DirectoryId`), the parts can be paged side by
//! side, and the wall becomes the longest part's pages instead of all pages.
//!
//! The rows come out part by part, in the order the keys were listed, each
//! part in the API's own order: the same order whatever finishes first, so
//! `json` and `csv` are deterministic. A part is written once it has been
//! read whole (the parts after it are read meanwhile).

use std::sync::Arc;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use tokio::sync::Semaphore;

use aws_sdk_workspaces::types::Workspace;

use super::{PageSource, Session};
use crate::api::directories::directories_by_id;
use crate::api::workspaces::WorkspaceQuery;
use crate::api::{self, Pages};
use crate::error::{AppError, Result};

/// How many parts are read at once, shared by the listings that share it:
/// `workspaces list` gives each place (a region of an account) its own, as
/// AWS limits the rate of requests per account and region, so 400 places of
/// 100 accounts are not read `--concurrency` parts at a time between them
/// (the places at once are bounded in `list.rs`, the requests in flight in
/// the session's HTTP client).
#[derive(Clone)]
pub struct PartLimit {
    permits: Arc<Semaphore>,
}

impl PartLimit {
    pub fn new(concurrency: usize) -> PartLimit {
        PartLimit {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }
}

/// The pages of every part, read `limit` parts at a time.
pub struct Partitioned<T> {
    pages: BoxStream<'static, Result<Vec<T>>>,
}

impl<T: Send + 'static> Partitioned<T> {
    /// The parts of `keys`, each paged by `open`.
    #[cfg(test)]
    fn of_parts<K, Open>(keys: Vec<K>, open: Open, limit: PartLimit) -> Partitioned<T>
    where
        K: Send + 'static,
        Open: Fn(K) -> Pages<T> + Send + Sync + 'static,
    {
        Partitioned {
            pages: parts(keys, open, limit),
        }
    }
}

/// The pages of each part of `keys`, part by part in key order, read
/// `limit` parts at a time.
fn parts<T, K, Open>(
    keys: Vec<K>,
    open: Open,
    limit: PartLimit,
) -> BoxStream<'static, Result<Vec<T>>>
where
    T: Send + 'static,
    K: Send + 'static,
    Open: Fn(K) -> Pages<T> + Send + Sync + 'static,
{
    // Every part waits its turn at the semaphore (first come, first
    // served, so in key order); a window as wide as the parts lets a fast
    // part start while a slow one before it is still being read.
    let window = keys.len().max(1);
    stream::iter(keys)
        .map(move |key| read_part(open(key), Arc::clone(&limit.permits)))
        .buffered(window)
        .map_ok(|pages| stream::iter(pages.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// One part's pages, read while holding one of the run's permits.
async fn read_part<T: Send + 'static>(
    mut part: Pages<T>,
    permits: Arc<Semaphore>,
) -> Result<Vec<Vec<T>>> {
    // The semaphore is never closed, so acquiring fails never; were it to,
    // reading without a permit is still correct, only less bounded.
    let _permit = permits.acquire_owned().await.ok();
    let mut pages = Vec::new();
    while let Some(page) = part.next_page().await? {
        pages.push(page);
    }
    Ok(pages)
}

impl<T: Send + 'static> Partitioned<T> {
    /// A listing that cannot be split, read as it is.
    pub fn whole(pages: Pages<T>) -> Partitioned<T> {
        let pages = stream::try_unfold(pages, |mut pages| async move {
            Ok(pages.next_page().await?.map(|page| (page, pages)))
        });
        Partitioned {
            pages: pages.boxed(),
        }
    }
}

/// `workspaces list`: with no filter the API applies (IDs, directory, user,
/// bundle; DescribeWorkspaces takes one at a time), every directory's
/// WorkSpaces paged at once, directories in the order
/// DescribeWorkspaceDirectories lists them (a fleet of one page read whole,
/// in that order). Any such filter is narrower than a directory, so that
/// listing goes as it is.
pub fn workspaces(
    session: &Session,
    query: &WorkspaceQuery,
    limit: &PartLimit,
) -> Partitioned<Workspace> {
    let client = session.workspaces().clone();
    let narrower = !query.ids.is_empty()
        || query.directory_id.is_some()
        || query.user_name.is_some()
        || query.bundle_id.is_some();
    if narrower {
        return Partitioned::whole(api::workspaces::workspaces(&client, query.clone()));
    }
    // The first page of the whole listing is asked beside the directories:
    // a fleet that fits in it (most places of an organisation) is then read
    // in one round trip, not two; a larger one costs one request more.
    let directories = directories_by_id(&client, &[]);
    let first = {
        let (client, query) = (client.clone(), query.clone());
        async move { api::workspaces::first_page(&client, &query).await }
    };
    // On a worker thread: a listing over hundreds of places is polled by
    // one task, whose thread would otherwise encode, sign and decode every
    // place's requests alone.
    let head = tokio::spawn(async move { futures::join!(first, directories.all()) });
    let query = query.clone();
    let limit = limit.clone();
    let pages = stream::once(async move {
        let (first, directories) = head
            .await
            .map_err(|err| AppError::Failed(format!("listing WorkSpaces: {err}")))?;
        let ((mut page, more), directories) = (first?, directories?);
        let keys: Vec<String> = directories
            .into_iter()
            .filter_map(|directory| directory.directory_id)
            .collect();
        if !more {
            // Directory by directory, as the parts would give them; a
            // WorkSpace of a directory not listed (created meanwhile) last.
            page.sort_by_key(|workspace| {
                keys.iter()
                    .position(|key| workspace.directory_id() == Some(key.as_str()))
                    .unwrap_or(keys.len())
            });
            let whole = stream::iter((!page.is_empty()).then_some(Ok(page)));
            return Ok::<_, AppError>(whole.boxed());
        }
        let open = move |directory_id| {
            let part = WorkspaceQuery {
                directory_id: Some(directory_id),
                ..query.clone()
            };
            api::workspaces::workspaces(&client, part)
        };
        Ok(parts(keys, open, limit))
    })
    .try_flatten();
    Partitioned {
        pages: pages.boxed(),
    }
}

impl<T: Send + 'static> PageSource<T> for Partitioned<T> {
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        self.pages.next().await.transpose()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// A part of `pages` pages of one item each, every page taking `delay`.
    fn part(
        key: u32,
        pages: u32,
        delay: Duration,
        busy: Arc<(AtomicUsize, AtomicUsize)>,
    ) -> Pages<u32> {
        Pages::following_token(move |token: Option<String>| {
            let busy = Arc::clone(&busy);
            async move {
                let now = busy.0.fetch_add(1, Ordering::SeqCst) + 1;
                busy.1.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(delay).await;
                busy.0.fetch_sub(1, Ordering::SeqCst);
                let page: u32 = token.as_deref().map_or(0, |t| t.parse().unwrap_or(0));
                let next = (page + 1 < pages).then(|| (page + 1).to_string());
                Ok((vec![key * 100 + page], next))
            }
        })
    }

    #[tokio::test(start_paused = true)]
    async fn parts_are_read_at_once_and_written_in_key_order() {
        let busy = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let counter = Arc::clone(&busy);
        // The first part is the slowest: its rows still come first.
        let mut listing = Partitioned::of_parts(
            vec![1, 2, 3, 4],
            move |key| {
                let delay = Duration::from_millis(if key == 1 { 50 } else { 10 });
                part(key, 3, delay, Arc::clone(&counter))
            },
            PartLimit::new(3),
        );
        let started = tokio::time::Instant::now();
        let mut rows = Vec::new();
        while let Some(page) = listing.next_page().await.unwrap() {
            rows.extend(page);
        }
        assert_eq!(
            rows,
            [100, 101, 102, 200, 201, 202, 300, 301, 302, 400, 401, 402]
        );
        assert_eq!(busy.1.load(Ordering::SeqCst), 3, "at most 3 parts at once");
        // Part 1 takes 150 ms; parts 2, 3 and then 4 fit beside it.
        assert_eq!(started.elapsed(), Duration::from_millis(150));
    }

    async fn drain(listing: &mut Partitioned<u32>) -> usize {
        let mut rows = 0;
        while let Some(page) = listing.next_page().await.unwrap() {
            rows += page.len();
        }
        rows
    }

    #[tokio::test(start_paused = true)]
    async fn one_limit_bounds_every_listing_sharing_it() {
        let busy = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let limit = PartLimit::new(2);
        let listing = |keys: Vec<u32>| {
            let counter = Arc::clone(&busy);
            Partitioned::of_parts(
                keys,
                move |key| part(key, 2, Duration::from_millis(10), Arc::clone(&counter)),
                limit.clone(),
            )
        };
        let (mut a, mut b) = (listing(vec![1, 2]), listing(vec![3, 4]));
        let (rows_a, rows_b) = tokio::join!(drain(&mut a), drain(&mut b));
        assert_eq!((rows_a, rows_b), (4, 4));
        assert_eq!(busy.1.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failing_part_fails_the_listing() {
        let mut listing = Partitioned::of_parts(
            vec![1],
            |_key: u32| {
                Pages::following_token(|_token: Option<String>| async {
                    Err::<(Vec<u32>, Option<String>), _>(crate::error::AppError::Failed(
                        "down".into(),
                    ))
                })
            },
            PartLimit::new(2),
        );
        assert!(listing.next_page().await.is_err());
    }
}
