//! Gathering every resource of every scope, details (and tags when asked)
//! included, concurrently across scopes, with progress on stderr.

use std::collections::HashMap;

use aws_sdk_workspaces::types::Workspace;
use futures::{StreamExt, TryStreamExt};
use indicatif::ProgressBar;

use crate::api::thin_client;
use crate::api::workspaces as ws;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::{Held, HeldScope, Inventoried, KINDS, Kind, Tagging};
use crate::scope::{self, ALL_REGIONS, Place, Service, Session, SessionOptions};

/// A resource's tags, by ARN (Thin Client) or ID (WorkSpaces).
pub type TagsByResource = HashMap<String, HashMap<String, String>>;

/// Everything one scope holds: each inventoried kind's items, by kind.
pub struct ScopeFleet {
    pub location: Place,
    held: HashMap<&'static str, Held>,
    /// When each WorkSpace's user last connected (absent: never).
    pub last_user_connections: HashMap<String, aws_smithy_types::DateTime>,
    /// Filled only when tags were asked for.
    pub tags: TagsByResource,
}

impl ScopeFleet {
    pub fn empty(location: Place) -> Self {
        ScopeFleet {
            location,
            held: HashMap::new(),
            last_user_connections: HashMap::new(),
            tags: TagsByResource::new(),
        }
    }

    /// The items of the kind whose items are `T` (none when not read).
    pub fn of<T: 'static>(&self) -> &[T] {
        self.held
            .values()
            .find_map(|held| held.downcast_ref::<Vec<T>>())
            .map_or(&[], Vec::as_slice)
    }

    /// How many of the kind were read.
    pub fn count(&self, kind: &Kind) -> usize {
        match (kind.inventory, self.held.get(kind.plural)) {
            (Some(inventory), Some(held)) => inventory.count(held),
            _ => 0,
        }
    }

    /// As [`Inventoried::write_files`] reads it.
    pub fn held(&self) -> HeldScope<'_> {
        HeldScope {
            location: &self.location,
            held: &self.held,
            tags: &self.tags,
        }
    }
}

/// The kinds the inventory reads, in the registry's order.
pub fn inventoried() -> impl Iterator<Item = (&'static Kind, &'static (dyn Inventoried + Sync))> {
    KINDS
        .iter()
        .filter_map(|kind| Some((*kind, kind.inventory?)))
}

/// What [`gather`] found: the scopes that answered, and those that failed
/// with why (described for people).
pub struct Inventory {
    pub fleets: Vec<ScopeFleet>,
    pub failures: Vec<(String, AppError)>,
}

impl Inventory {
    /// With one scope and nothing read, its error is the command's, exit
    /// code and all (a missing region is exit 4, not "1 of 1 failed").
    pub fn or_only_error(mut self) -> Result<Self> {
        if self.fleets.is_empty()
            && self.failures.len() == 1
            && let Some((_, err)) = self.failures.pop()
        {
            return Err(err);
        }
        Ok(self)
    }

    /// The failures on stderr, then exit 1 if any: the other scopes' data
    /// was written.
    pub fn finish(&self, ctx: &Context) -> Result<()> {
        for (scope, err) in &self.failures {
            ctx.printer.report(err, Some(scope));
        }
        match self.failures.len() {
            0 => Ok(()),
            n => Err(AppError::Failed(format!(
                "{n} of {} regions/accounts failed; the others were written",
                n + self.fleets.len()
            ))),
        }
    }
}

/// Every scope the command line names. With `--region all` the WorkSpaces
/// regions are read, and Thin Client only where it is offered. Each scope's
/// per-item calls go `concurrency` at a time.
pub async fn gather(ctx: &Context, concurrency: usize, with_tags: bool) -> Inventory {
    let (scopes, unreachable) = match scope::requested(ctx, Service::WorkSpaces).await {
        Ok(requested) => (requested.places, requested.unreachable),
        // The accounts could not be listed: nothing to read.
        Err(err) => (Vec::new(), vec![("the accounts".to_owned(), err)]),
    };
    let every_region = ctx.regions.iter().any(|r| r == ALL_REGIONS);
    // One spinner a scope, saying what it reads and how much it found.
    let spinners = ctx.printer.multi_progress();
    let results = futures::future::join_all(scopes.iter().map(|scope| {
        let thin_client = !every_region
            || scope
                .region
                .as_deref()
                .is_some_and(|r| Service::ThinClient.regions().contains(&r));
        let bar = ctx.printer.spinner(&scope.describe(), Some(&spinners));
        async move {
            let result = gather_scope(scope, concurrency, thin_client, with_tags, &bar).await;
            bar.finish_and_clear();
            (scope, result)
        }
    }))
    .await;
    let mut inventory = Inventory {
        fleets: Vec::new(),
        failures: unreachable,
    };
    for (scope, result) in results {
        match result {
            Ok(fleet) => inventory.fleets.push(fleet),
            Err(err) => inventory.failures.push((scope.describe(), err)),
        }
    }
    inventory
}

async fn gather_scope(
    scope: &SessionOptions,
    concurrency: usize,
    thin_client: bool,
    with_tags: bool,
    bar: &ProgressBar,
) -> Result<ScopeFleet> {
    let session = Session::open(scope, None).await?;
    let location = session
        .place()
        .ok_or_else(|| anyhow::anyhow!("the session's region or account is unknown"))?;
    let prefix = format!("{} {}", location.region, location.account);
    let mut fleet = ScopeFleet::empty(location);
    let mut read = Vec::new();
    for (kind, inventory) in inventoried() {
        if kind.service == Service::ThinClient && !thin_client {
            continue;
        }
        bar.set_message(format!("{prefix}: {}", kind.plural));
        let held = inventory.gather(&session, concurrency).await?;
        read.push(format!("{} {}", inventory.count(&held), kind.plural));
        if with_tags {
            let keys = inventory.tag_keys(&held);
            bar.set_message(format!("{prefix}: tags of {} {}", keys.len(), kind.plural));
            fleet
                .tags
                .extend(tags_of(&session, kind, keys, concurrency).await?);
        }
        fleet.held.insert(kind.plural, held);
    }
    if !fleet.of::<Workspace>().is_empty() {
        fleet.last_user_connections = ws::last_user_connections(session.workspaces()).await?;
    }
    bar.set_message(format!("{prefix}: {}: done", read.join(", ")));
    Ok(fleet)
}

/// The kind's tags, one call a resource, `concurrency` at a time: by ARN
/// or by ID as the kind is tagged.
async fn tags_of(
    session: &Session,
    kind: &Kind,
    keys: Vec<String>,
    concurrency: usize,
) -> Result<Vec<(String, HashMap<String, String>)>> {
    let (thin_client, workspaces) = (session.thin_client(), session.workspaces());
    let by_arn = match kind.tagging {
        Tagging::ByArn(_) => true,
        Tagging::ById => false,
        Tagging::Untagged => return Ok(Vec::new()),
    };
    futures::stream::iter(keys)
        .map(|key| {
            let (thin_client, workspaces) = (&thin_client, &workspaces);
            async move {
                let tags = if by_arn {
                    thin_client::list_tags(thin_client, &key).await?
                } else {
                    ws::describe_tags(workspaces, &key).await?
                };
                Ok::<_, AppError>((key, tags))
            }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await
}
