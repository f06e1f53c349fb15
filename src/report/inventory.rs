//! Gathering every resource of every scope, details (and tags when asked)
//! included, concurrently across scopes, with progress on stderr.

use std::collections::HashMap;

use aws_sdk_workspaces::types::{WorkSpaceApplication, Workspace, WorkspaceBundle, WorkspaceImage};
use aws_sdk_workspacesthinclient::types::{Device, Environment, SoftwareSet};
use futures::{StreamExt, TryStreamExt};
use indicatif::ProgressBar;

use crate::api::thin_client::{
    self, environments_with_details, software_sets_with_details, with_details,
};
use crate::api::workspaces::{self as ws, ApplicationQuery, WorkspaceQuery};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::scope::{self, ALL_REGIONS, Place, Service, Session, SessionOptions};

/// A resource's tags, by ARN (Thin Client) or ID (WorkSpaces).
pub type TagsByResource = HashMap<String, HashMap<String, String>>;

/// Everything one scope holds.
#[derive(Debug)]
pub struct ScopeFleet {
    pub location: Place,
    pub devices: Vec<Device>,
    pub environments: Vec<Environment>,
    pub software_sets: Vec<SoftwareSet>,
    pub workspaces: Vec<Workspace>,
    /// When each WorkSpace's user last connected (absent: never).
    pub last_user_connections: HashMap<String, aws_smithy_types::DateTime>,
    pub applications: Vec<WorkSpaceApplication>,
    pub images: Vec<WorkspaceImage>,
    pub bundles: Vec<WorkspaceBundle>,
    /// Filled only when tags were asked for.
    pub tags: TagsByResource,
}

impl ScopeFleet {
    pub fn empty(location: Place) -> Self {
        ScopeFleet {
            location,
            devices: Vec::new(),
            environments: Vec::new(),
            software_sets: Vec::new(),
            workspaces: Vec::new(),
            last_user_connections: HashMap::new(),
            applications: Vec::new(),
            images: Vec::new(),
            bundles: Vec::new(),
            tags: TagsByResource::new(),
        }
    }
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
    let scopes = scope::requested(ctx, Service::WorkSpaces);
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
        failures: Vec::new(),
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
    if thin_client {
        let client = session.thin_client();
        bar.set_message(format!("{prefix}: devices"));
        let devices = thin_client::devices(client).all().await?;
        bar.set_message(format!("{prefix}: details of {} devices", devices.len()));
        fleet.devices = with_details(client, devices, concurrency).await?;
        bar.set_message(format!(
            "{prefix}: {} devices; environments",
            fleet.devices.len()
        ));
        let environments = thin_client::environments(client).all().await?;
        fleet.environments = environments_with_details(client, environments, concurrency).await?;
        let software_sets = thin_client::software_sets(client).all().await?;
        fleet.software_sets =
            software_sets_with_details(client, software_sets, concurrency).await?;
        if with_tags {
            let arns: Vec<String> = (fleet.devices.iter().map(|d| d.arn()))
                .chain(fleet.environments.iter().map(|e| e.arn()))
                .chain(fleet.software_sets.iter().map(|s| s.arn()))
                .flatten()
                .map(str::to_owned)
                .collect();
            bar.set_message(format!(
                "{prefix}: tags of {} Thin Client resources",
                arns.len()
            ));
            let tags = tags_of(arns, concurrency, |arn| {
                let client = client.clone();
                async move { thin_client::list_tags(&client, &arn).await }
            })
            .await?;
            fleet.tags.extend(tags);
        }
    }
    let client = session.workspaces();
    bar.set_message(format!(
        "{prefix}: {} devices, {} environments; WorkSpaces",
        fleet.devices.len(),
        fleet.environments.len()
    ));
    fleet.workspaces = ws::workspaces(client, WorkspaceQuery::default())
        .all()
        .await?;
    if !fleet.workspaces.is_empty() {
        fleet.last_user_connections = ws::last_user_connections(client).await?;
    }
    fleet.applications = ws::applications(client, ApplicationQuery::default())
        .all()
        .await?;
    fleet.images = ws::describe_images(client, &[]).await?;
    fleet.bundles = ws::describe_bundles(client).await?;
    if with_tags {
        // DescribeTags takes WorkSpaces, images, bundles and directories; not applications.
        let ids: Vec<String> = (fleet.workspaces.iter().map(|w| w.workspace_id()))
            .chain(fleet.images.iter().map(|i| i.image_id()))
            .chain(fleet.bundles.iter().map(|b| b.bundle_id()))
            .flatten()
            .map(str::to_owned)
            .collect();
        bar.set_message(format!(
            "{prefix}: tags of {} WorkSpaces resources",
            ids.len()
        ));
        let tags = tags_of(ids, concurrency, |id| {
            let client = client.clone();
            async move { ws::describe_tags(&client, &id).await }
        })
        .await?;
        fleet.tags.extend(tags);
    }
    bar.set_message(format!(
        "{prefix}: {} devices, {} WorkSpaces, {} images: done",
        fleet.devices.len(),
        fleet.workspaces.len(),
        fleet.images.len()
    ));
    Ok(fleet)
}

/// One tag call a resource, `concurrency` at a time.
async fn tags_of<F, Fut>(
    keys: Vec<String>,
    concurrency: usize,
    fetch: F,
) -> Result<Vec<(String, HashMap<String, String>)>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<HashMap<String, String>>>,
{
    futures::stream::iter(keys)
        .map(|key| {
            let tags = fetch(key.clone());
            async move { Ok::<_, AppError>((key, tags.await?)) }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await
}
