//! One adapter over every listing: the SDK's own paginators where an
//! operation has one, one `NextToken` loop where it has none, and the
//! WorkSpaces limit of 25 IDs a call applied once. A listing is a stream of
//! pages, so a caller writes each page before asking for the next.

use std::collections::VecDeque;
use std::future::Future;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use super::{Client, SdkClient};
use crate::error::Result;

/// The most IDs (and CreateWorkspaces requests) one WorkSpaces call takes.
pub const BATCH_SIZE: usize = 25;

/// A listing, one page at a time.
pub struct Pages<T> {
    stream: BoxStream<'static, Result<Vec<T>>>,
}

impl<T: Send + 'static> Pages<T> {
    /// The pages of an SDK paginator (`into_paginator().send()`), each
    /// turned into its items by `items`.
    pub fn of_paginator<C, O, E>(
        client: &Client<C>,
        operation: &'static str,
        mut pages: PaginationStream<Result<O, SdkError<E, HttpResponse>>>,
        items: fn(O) -> Vec<T>,
    ) -> Self
    where
        C: SdkClient + Send + Sync + 'static,
        O: Send + 'static,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let client = client.clone();
        let stream = futures::stream::poll_fn(move |cx| pages.poll_next(cx))
            .map(move |page| page.map(items).map_err(|err| client.error(operation, err)));
        Pages {
            stream: stream.boxed(),
        }
    }

    /// An operation the SDK has no paginator for: `fetch` asks for the page
    /// after a token (none: the first) and answers its items and the next
    /// token; an absent or empty token ends the listing.
    pub fn following_token<F, Fut>(fetch: F) -> Self
    where
        F: FnMut(Option<String>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(Vec<T>, Option<String>)>> + Send + 'static,
    {
        let stream = futures::stream::try_unfold(
            (fetch, Some(None::<String>)),
            |(mut fetch, next)| async move {
                let Some(token) = next else {
                    return Ok(None);
                };
                let (items, token) = fetch(token).await?;
                let next = token.filter(|t| !t.is_empty()).map(Some);
                Ok(Some((items, (fetch, next))))
            },
        );
        Pages {
            stream: stream.boxed(),
        }
    }

    /// A listing by ID, 25 IDs a call: `open` lists one group of IDs
    /// (`None`: no IDs given, so one listing of everything).
    pub fn per_id_group<F>(ids: &[String], open: F) -> Self
    where
        F: FnMut(Option<Vec<String>>) -> Pages<T> + Send + 'static,
    {
        let stream = futures::stream::iter(id_groups(ids))
            .map(open)
            .flat_map(|pages| pages.stream);
        Pages {
            stream: stream.boxed(),
        }
    }

    /// The pages with each item turned into another.
    pub fn map<U: Send + 'static>(self, each: fn(T) -> U) -> Pages<U> {
        Pages {
            stream: self
                .stream
                .map_ok(move |items| items.into_iter().map(each).collect())
                .boxed(),
        }
    }

    /// These pages, then `next`'s.
    pub fn then(self, next: Pages<T>) -> Pages<T> {
        Pages {
            stream: self.stream.chain(next.stream).boxed(),
        }
    }

    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        self.stream.next().await.transpose()
    }

    /// Every page, for callers that need the whole set (a plan, a lookup).
    pub async fn all(self) -> Result<Vec<T>> {
        self.stream.try_concat().await
    }
}

/// The requests a listing needs: one unfiltered by ID, or one per 25 IDs.
fn id_groups(ids: &[String]) -> VecDeque<Option<Vec<String>>> {
    if ids.is_empty() {
        VecDeque::from([None])
    } else {
        ids.chunks(BATCH_SIZE).map(|c| Some(c.to_vec())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_25_a_request() {
        let ids: Vec<String> = (0..60).map(|i| format!("ws-{i:08}")).collect();
        let groups = id_groups(&ids);
        let sizes: Vec<usize> = groups
            .iter()
            .map(|g| g.as_ref().map_or(0, Vec::len))
            .collect();
        assert_eq!(sizes, [25, 25, 10]);
        assert_eq!(id_groups(&[]), VecDeque::from([None]));
    }

    #[tokio::test]
    async fn a_token_loop_follows_tokens_until_none_or_empty() {
        let mut asked = Vec::new();
        let pages = Pages::following_token(|token: Option<String>| async move {
            Ok(match token.as_deref() {
                None => (vec![1], Some("a".to_owned())),
                Some("a") => (vec![2, 3], Some(String::new())),
                Some(_) => (vec![99], None),
            })
        });
        let mut pages = pages;
        while let Some(page) = pages.next_page().await.unwrap() {
            asked.push(page);
        }
        assert_eq!(asked, [vec![1], vec![2, 3]]);
    }
}
