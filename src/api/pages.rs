//! One adapter over every listing: the SDK's own paginators where an
//! operation has one, one `NextToken` loop where it has none, and the
//! WorkSpaces limit of 25 IDs a call applied once. A listing is a stream of
//! pages, so a caller writes each page before asking for the next.

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use super::{Client, SdkClient};
use crate::error::{AppError, Result};

/// A page's token for the next one. Every output an SDK paginator pages
/// declares it here (one line), so a repeated token is caught.
pub trait NextToken {
    fn next_token_given(&self) -> Option<&str>;
}

macro_rules! next_token_of {
    ($($output:ty),* $(,)?) => {
        $(impl NextToken for $output {
            fn next_token_given(&self) -> Option<&str> {
                self.next_token()
            }
        })*
    };
}

next_token_of!(
    aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesOutput,
    aws_sdk_workspacesthinclient::operation::list_environments::ListEnvironmentsOutput,
    aws_sdk_workspacesthinclient::operation::list_software_sets::ListSoftwareSetsOutput,
    aws_sdk_workspaces::operation::describe_workspaces::DescribeWorkspacesOutput,
    aws_sdk_workspaces::operation::describe_applications::DescribeApplicationsOutput,
    aws_sdk_workspaces::operation::describe_application_associations::DescribeApplicationAssociationsOutput,
    aws_sdk_workspaces::operation::describe_workspace_bundles::DescribeWorkspaceBundlesOutput,
    aws_sdk_workspaces::operation::describe_workspace_directories::DescribeWorkspaceDirectoriesOutput,
    aws_sdk_workspaces::operation::list_account_links::ListAccountLinksOutput,
    aws_sdk_organizations::operation::list_accounts::ListAccountsOutput,
);

/// The tokens a listing was given: one given twice would page forever
/// (the AWS CLI stops there too), so it ends the listing with an error.
#[derive(Default)]
struct TokensSeen {
    seen: HashSet<String>,
    pages: usize,
}

impl TokensSeen {
    fn check(&mut self, operation: &str, token: Option<&str>) -> Result<()> {
        self.pages += 1;
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(());
        };
        if self.seen.insert(token.to_owned()) {
            return Ok(());
        }
        Err(AppError::Failed(format!(
            "{operation} answered a nextToken it had already given, after {} pages: \
             the endpoint pages in a loop; stopped",
            self.pages
        )))
    }
}

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
        O: NextToken + Send + 'static,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let client = client.clone();
        let mut tokens = TokensSeen::default();
        let stream = futures::stream::poll_fn(move |cx| pages.poll_next(cx))
            .map(move |page| {
                let page = page.map_err(|err| client.error(operation, err))?;
                tokens.check(operation, page.next_token_given())?;
                Ok(items(page))
            })
            // The SDK paginator ends by itself on a token repeated at once;
            // the error above is what ends the listing then.
            .scan(false, |failed, page: Result<Vec<T>>| {
                let this = (!*failed).then_some(page);
                if let Some(Err(_)) = &this {
                    *failed = true;
                }
                futures::future::ready(this)
            });
        Pages {
            stream: stream.boxed(),
        }
    }

    /// An operation the SDK has no paginator for: `fetch` asks for the page
    /// after a token (none: the first) and answers its items and the next
    /// token; an absent or empty token ends the listing, a token given
    /// twice ends it with an error.
    pub fn following_token<F, Fut>(fetch: F) -> Self
    where
        F: FnMut(Option<String>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(Vec<T>, Option<String>)>> + Send + 'static,
    {
        let stream = futures::stream::try_unfold(
            (fetch, Some(None::<String>), TokensSeen::default()),
            |(mut fetch, next, mut tokens)| async move {
                let Some(token) = next else {
                    return Ok(None);
                };
                let (items, token) = fetch(token).await?;
                tokens.check("the listing", token.as_deref())?;
                let next = token.filter(|t| !t.is_empty()).map(Some);
                Ok(Some((items, (fetch, next, tokens))))
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

    #[tokio::test]
    async fn a_token_given_twice_ends_the_listing_with_an_error() {
        let pages = Pages::following_token(|token: Option<String>| async move {
            Ok(match token.as_deref() {
                None => (vec![1], Some("a".to_owned())),
                Some("a") => (vec![2], Some("b".to_owned())),
                Some(_) => (vec![3], Some("a".to_owned())),
            })
        });
        let err = pages.all().await.unwrap_err();
        assert!(err.to_string().contains("already given"), "{err}");
    }
}
