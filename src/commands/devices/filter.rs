//! Which devices a verb is about: the client-side filters of `list` (the
//! API has none of its own), and, for mutating verbs, the targets named by
//! ID, by `--ids-from`, by filters, or by both (the filters then narrow the IDs).

use std::collections::{HashMap, HashSet};

use crate::api::ThinClient as Client;
use aws_sdk_workspacesthinclient::types::Device;
use globset::GlobMatcher;

use super::{ComplianceArg, DeviceStatusArg};
use crate::api::thin_client::{devices, list_tags, with_details};
use crate::bulk::journal::Resume;
use crate::bulk::plan::{PLAN_ROWS, Plan, Planned};
use crate::bulk::targets::{Named, TargetArgs};
use crate::cli::{BulkArgs, ChangeArgs, ConfirmArgs};
use crate::commands::tagging::keep_by_tags;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::{DEVICES, EnvironmentId, SoftwareSetId};
use crate::scope::Service;
use crate::scope::{Placed, Places, route};
use crate::tags::{self, TagRules};
use crate::validate;

// The help heading is set on each filter, not on the structs: a struct's
// heading would carry over to the verb's own options after it.
use crate::cli::FILTERS;

/// Filters every device verb takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only devices in this environment
    #[arg(long, value_name = "ENV_ID", help_heading = FILTERS)]
    pub environment: Option<EnvironmentId>,

    /// Only devices with this status
    #[arg(long, help_heading = FILTERS)]
    pub status: Option<DeviceStatusArg>,

    /// Only devices with this compliance status (fetches details)
    #[arg(long, help_heading = FILTERS)]
    pub compliance: Option<ComplianceArg>,

    /// Only devices carrying this tag (repeatable; fetches each device's tags)
    #[arg(long = "tag", value_name = "KEY=VALUE", help_heading = FILTERS)]
    pub tags: Vec<String>,
}

/// Filters on the name and software set (every device verb takes them; in
/// `update` the new values are `--set-name` and `--set-software-set`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NameFilterArgs {
    /// Only devices whose name matches this glob (case-insensitive)
    #[arg(long, value_name = "GLOB", help_heading = FILTERS)]
    pub name: Option<String>,

    /// Only devices on this software set
    #[arg(long, value_name = "SOFTWARE_SET_ID", help_heading = FILTERS)]
    pub software_set: Option<SoftwareSetId>,
}

pub struct Filter {
    environment: Option<String>,
    status: Option<&'static str>,
    name: Option<GlobMatcher>,
    software_set: Option<String>,
    compliance: Option<&'static str>,
    tags: HashMap<String, String>,
}

impl Filter {
    /// Checks every filter locally (exit 2 before any request).
    pub fn new(filters: &FilterArgs, names: Option<&NameFilterArgs>) -> Result<Filter> {
        let names = names.cloned().unwrap_or_default();
        Ok(Filter {
            environment: filters.environment.clone().map(String::from),
            status: filters.status.map(DeviceStatusArg::api_value),
            name: names.name.as_deref().map(validate::name_glob).transpose()?,
            software_set: names.software_set.map(String::from),
            compliance: filters.compliance.map(ComplianceArg::api_value),
            tags: tags::map(&filters.tags, TagRules::Resource)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.environment.is_none()
            && self.status.is_none()
            && self.name.is_none()
            && self.software_set.is_none()
            && self.compliance.is_none()
            && self.tags.is_empty()
    }

    /// Some filter needs what only GetDevice tells.
    pub fn needs_details(&self) -> bool {
        self.compliance.is_some()
    }

    /// What ListDevices already tells.
    fn matches_summary(&self, device: &Device) -> bool {
        let equals = |wanted: &Option<String>, actual: Option<&str>| {
            wanted.as_deref().is_none_or(|w| actual == Some(w))
        };
        equals(&self.environment, device.environment_id())
            && self
                .status
                .is_none_or(|s| device.status().map(|d| d.as_str()) == Some(s))
            && self
                .name
                .as_ref()
                .is_none_or(|glob| device.name().is_some_and(|n| glob.is_match(n)))
            && equals(&self.software_set, device.current_software_set_id())
    }

    fn matches_details(&self, device: &Device) -> bool {
        self.compliance
            .is_none_or(|c| device.software_set_compliance_status().map(|s| s.as_str()) == Some(c))
    }

    /// One page of a listing narrowed by every filter; `details` fetches
    /// each remaining device's full record.
    pub async fn apply(
        &self,
        client: &Client,
        page: Vec<Device>,
        details: bool,
        concurrency: usize,
    ) -> Result<Vec<Device>> {
        let mut page: Vec<Device> = page
            .into_iter()
            .filter(|d| self.matches_summary(d))
            .collect();
        if details || self.needs_details() {
            page = with_details(client, page, concurrency).await?;
            page.retain(|d| self.matches_details(d));
        }
        if !self.tags.is_empty() {
            // Tags are not in ListDevices: one ListTagsForResource a device.
            let tags_of = |device: &Device| {
                let arn = device.arn()?.to_owned();
                Some(async move { list_tags(client, &arn).await })
            };
            let wanted = |tags: &HashMap<String, String>| {
                self.tags.iter().all(|(k, v)| tags.get(k) == Some(v))
            };
            page = keep_by_tags(page, concurrency, tags_of, wanted).await?;
        }
        Ok(page)
    }
}

/// The devices a mutating verb will touch, with what the listing says of
/// them (for the plan). Named IDs the listing does not know are kept, with
/// only their ID, when no filter is given: the plan marks them not found.
pub async fn resolve_targets(
    client: &Client,
    ids: &[String],
    filter: &Filter,
    change: ChangeArgs,
    lookup: Lookup,
    concurrency: usize,
) -> Result<Vec<Device>> {
    if !ids.is_empty() && !reads_listing(filter, change) {
        return named_without_listing(client, ids, lookup, concurrency).await;
    }
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut pages = devices(client);
    let mut found: HashMap<String, Device> = HashMap::new();
    let mut in_listing_order = Vec::new();
    while let Some(page) = pages.next_page().await? {
        let page: Vec<Device> = page
            .into_iter()
            .filter(|d| ids.is_empty() || d.id().is_some_and(|id| wanted.contains(id)))
            .collect();
        for device in filter.apply(client, page, false, concurrency).await? {
            let Some(id) = device.id().map(str::to_owned) else {
                continue;
            };
            if ids.is_empty() {
                in_listing_order.push(device);
            } else {
                found.insert(id, device);
            }
        }
    }
    if ids.is_empty() {
        return Ok(in_listing_order);
    }
    Ok(ids
        .iter()
        .filter_map(|id| match found.remove(id) {
            Some(device) => Some(device),
            None if filter.is_empty() => Some(Device::builder().id(id).build()),
            None => None,
        })
        .collect())
}

/// The targets come from the fleet's listing, each as it is: a filter
/// narrows them, or a dry run's plan shows every one. Otherwise named IDs
/// are looked up one by one, as [`Lookup`] says.
pub fn reads_listing(filter: &Filter, change: ChangeArgs) -> bool {
    !filter.is_empty() || change.dry_run
}

/// Which of the devices named by ID a plan looks up before the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Every one: the plan judges each by its state or values (a delete of a
    /// REGISTERED device, an update that changes nothing).
    Every,
    /// Only the rows the plan shows: a plan that judges nothing (deregister)
    /// would spend a GetDevice a target, doubling the requests of a change
    /// that is often rate-limited; the service answers for the rest.
    Shown,
    /// None: the plan judges nothing and nobody answers a question on it
    /// (`--yes`), so its rows name the targets as given. Under a rate limit
    /// each look-up is a slot the change waits for.
    Nothing,
}

impl Lookup {
    /// What a plan that judges no target by its state looks up: the rows it
    /// shows before its question, or nothing when `--yes` answers it.
    pub fn shown_unless_answered(confirm: &ConfirmArgs) -> Lookup {
        if confirm.yes {
            Lookup::Nothing
        } else {
            Lookup::Shown
        }
    }

    /// How many of `named` targets, in order, are looked up.
    fn count(self, named: usize) -> usize {
        match self {
            Lookup::Every => named,
            Lookup::Shown => named.min(PLAN_ROWS),
            Lookup::Nothing => 0,
        }
    }
}

/// Named IDs with no filter to narrow them need no listing of the whole
/// fleet (a request per 50 devices before the first change): they are
/// looked up one GetDevice each, as many as `lookup` says; the rest go by
/// ID. A dry run's plan still reads the listing.
async fn named_without_listing(
    client: &Client,
    ids: &[String],
    lookup: Lookup,
    concurrency: usize,
) -> Result<Vec<Device>> {
    let mut looked_up: Vec<Device> = ids
        .iter()
        .map(|id| Device::builder().id(id).build())
        .collect();
    let by_id_only = looked_up.split_off(lookup.count(ids.len()));
    let mut devices = with_details(client, looked_up, concurrency).await?;
    devices.extend(by_id_only);
    Ok(devices)
}

/// The devices named on the command line or in `--ids-from`, checked; a
/// usage error when neither they nor any filter says which devices.
pub fn named_ids(
    targets: &TargetArgs,
    filter: &Filter,
    resume: Option<&Resume>,
) -> Result<Vec<Named>> {
    if targets.is_empty(resume) && filter.is_empty() {
        return Err(AppError::usage(
            "which devices? Give device IDs, --ids-from FILE|-, or filters such as --environment",
        ));
    }
    DEVICES.targets(targets, resume)
}

/// The devices a mutating verb will touch in every place it reaches:
/// [`resolve_targets`] in each, with the IDs routed there.
/// `change` and `bulk` are the verb's `--dry-run` (whose plan lists every
/// target) and `--concurrency`.
pub async fn resolve_placed(
    ctx: &Context,
    targets: Vec<Named>,
    filter: &Filter,
    change: ChangeArgs,
    lookup: Lookup,
    bulk: &BulkArgs,
) -> Result<(Places, Vec<Placed<Device>>)> {
    let routed = route(ctx, Service::ThinClient, targets).await?;
    let places = routed.places;
    let devices = places
        .gather(routed.ids, |place, ids| {
            let client = places.thin_client(place);
            let concurrency = bulk.concurrency.get();
            async move { resolve_targets(client, &ids, filter, change, lookup, concurrency).await }
        })
        .await?;
    Ok((places, devices))
}

/// The devices as a plan: found ones sent, unless `judge` leaves them out;
/// the stand-in of a device not found (no status) marked so. With
/// [`Lookup::Shown`] or [`Lookup::Nothing`] and the targets named by ID, a
/// stand-in may be one not looked up: it is sent, and the service says if it is missing.
pub fn device_plan(
    action: &'static str,
    devices: Vec<Placed<Device>>,
    every_looked_up: bool,
    judge: impl Fn(&mut Planned<Device>, &Device),
) -> Plan<Device> {
    let rows = devices
        .into_iter()
        .map(|placed| {
            let id = placed.item.id().unwrap_or_default().to_owned();
            if placed.item.status().is_none() && every_looked_up {
                return Planned::not_found(placed.place, id, placed.item);
            }
            let device = placed.item.clone();
            let mut row = Planned::found(placed.place, id, placed.item);
            judge(&mut row, &device);
            row
        })
        .collect();
    Plan::new(action, rows)
}
