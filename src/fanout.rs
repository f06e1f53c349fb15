//! Reading several regions and accounts at once: every `list` verb runs its
//! listing in each (profile, region) concurrently and writes the rows as the
//! pages arrive, each tagged with its region and account. A region or
//! account that fails is reported on stderr with the reason while the
//! others' rows are all printed, and the exit is 1.

use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

use crate::aws::{Session, SessionOptions};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{ListWriter, Location, Out, Resource};

/// `--region all`.
pub const ALL_REGIONS: &str = "all";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    ThinClient,
    WorkSpaces,
}

impl Service {
    /// The commercial regions where the service is offered, as AWS lists
    /// them today; `--region all` reads each.
    pub fn regions(self) -> &'static [&'static str] {
        match self {
            Service::ThinClient => &[
                "us-east-1",
                "us-west-2",
                "ca-central-1",
                "eu-central-1",
                "eu-west-1",
                "eu-west-2",
                "ap-south-1",
            ],
            Service::WorkSpaces => &[
                "us-east-1",
                "us-west-2",
                "ca-central-1",
                "sa-east-1",
                "eu-central-1",
                "eu-west-1",
                "eu-west-2",
                "eu-west-3",
                "af-south-1",
                "il-central-1",
                "ap-south-1",
                "ap-northeast-1",
                "ap-northeast-2",
                "ap-southeast-1",
                "ap-southeast-2",
            ],
        }
    }
}

/// A listing's pages, one at a time: each API's pager implements it, so one
/// runner serves every `list` verb in one region or many.
pub trait PageSource<T> {
    fn next_page(&mut self) -> impl Future<Output = Result<Option<Vec<T>>>>;
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

/// One (profile, region) to read.
#[derive(Debug, Clone)]
pub struct Scope {
    pub options: SessionOptions,
}

impl Scope {
    /// Loads the scope's session and learns where it is: its region, and
    /// its account (STS GetCallerIdentity, unless `known_account` says).
    pub async fn open(&self, known_account: Option<&str>) -> Result<(Session, Location)> {
        let mut session = Session::load(&self.options).await?;
        if let Some(account) = known_account {
            session = session.knowing_account(account.to_owned());
        }
        let account = session.account_id().await?.to_owned();
        let region = session.region().unwrap_or_default().to_owned();
        Ok((session, Location { region, account }))
    }

    pub fn describe(&self) -> String {
        match (&self.options.region, &self.options.profile) {
            (Some(region), Some(profile)) => format!("region {region}, profile {profile}"),
            (None, Some(profile)) => format!("profile {profile}"),
            (Some(region), None) => format!("region {region}"),
            (None, None) => "the default region".to_owned(),
        }
    }
}

/// Every (profile, region) the command line names, `all` expanded for `service`.
pub fn scopes(ctx: &Context, service: Service) -> Vec<Scope> {
    let profiles: Vec<Option<String>> = if ctx.profiles.is_empty() {
        vec![None]
    } else {
        ctx.profiles.iter().cloned().map(Some).collect()
    };
    let mut regions: Vec<Option<String>> = Vec::new();
    for region in &ctx.regions {
        if region == ALL_REGIONS {
            regions.extend(service.regions().iter().map(|r| Some((*r).to_owned())));
        } else {
            regions.push(Some(region.clone()));
        }
    }
    if regions.is_empty() {
        // No flag: the session's own region (the sandbox's, env, profile).
        regions.push(ctx.session_options.region.clone());
    }
    regions.dedup();
    let mut scopes = Vec::with_capacity(profiles.len() * regions.len());
    for profile in &profiles {
        for region in &regions {
            let mut options = ctx.session_options.clone();
            options.profile = profile.clone();
            options.region = region.clone();
            scopes.push(Scope { options });
        }
    }
    scopes
}

/// Runs a listing in every scope and writes what it returns with `writer`
/// (from [`crate::output::Printer::list`]): the one path of every `list`
/// verb. `open` starts the listing with a scope's session; rows are tagged
/// with region and account when there is more than one scope (or
/// `--columns` asks for them).
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
    let scopes = scopes(ctx, service);
    writer.locate(scopes.len() > 1);
    let failures = if scopes.len() == 1 && !writer.is_located() {
        let mut source = open(ctx.session().await?);
        while let Some(page) = source.next_page().await? {
            for item in &page {
                writer.write(item)?;
            }
            writer.flush()?;
        }
        Vec::new()
    } else {
        write_scopes(&scopes, &open, &mut writer).await?
    };
    let count = writer.finish()?;
    if failures.is_empty() {
        ctx.printer
            .note_if_none(count, format!("no {plural} found"));
    }
    for (scope, err) in &failures {
        ctx.printer
            .error(format!("{}: {}", scope.describe(), ctx.explain_ref(err)));
    }
    match failures.len() {
        0 => Ok(()),
        n => Err(AppError::Failed(format!(
            "{n} of {} regions/accounts failed; the rows of the others were printed",
            scopes.len()
        ))),
    }
}

/// The listing of every scope at once, one page in flight per scope, rows
/// written as each page arrives.
async fn write_scopes<T, S, F, W>(
    scopes: &[Scope],
    open: &F,
    writer: &mut ListWriter<'_, T, W>,
) -> Result<Vec<(Scope, AppError)>>
where
    T: Resource,
    S: PageSource<T>,
    F: Fn(&Session) -> S,
    W: std::io::Write,
{
    let mut failures = Vec::new();
    let mut pending = FuturesUnordered::new();
    let started = futures::future::join_all(scopes.iter().map(|scope| scope.open(None))).await;
    for (scope, started) in scopes.iter().zip(started) {
        match started {
            Ok((session, location)) => {
                let source = open(&session);
                pending.push(next_page(scope, location, source));
            }
            Err(err) => failures.push((scope.clone(), err)),
        }
    }
    while let Some((scope, location, source, page)) = pending.next().await {
        match page {
            Ok(Some(items)) => {
                for item in &items {
                    writer.write_at(item, Some(&location))?;
                }
                writer.flush()?;
                pending.push(next_page(scope, location, source));
            }
            Ok(None) => {}
            Err(err) => failures.push((scope.clone(), err)),
        }
    }
    Ok(failures)
}

async fn next_page<T, S: PageSource<T>>(
    scope: &Scope,
    location: Location,
    mut source: S,
) -> (&Scope, Location, S, Result<Option<Vec<T>>>) {
    let page = source.next_page().await;
    (scope, location, source, page)
}
