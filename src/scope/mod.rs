//! Where commands work: a *place* is one region of one account. This module
//! holds everything about places and nothing else:
//!
//! - [`session`]: a place's AWS session (profile, region, endpoint, retries,
//!   timeouts, credentials) and the API clients built from it;
//! - [`list`]: a `list` verb's fan-out over every place the command line
//!   names (`--region` several or `all`, `--profile` several), rows tagged
//!   with their place;
//! - [`partition`]: a listing split by a key the API filters on (the
//!   directory), its parts paged at once;
//! - [`route`]: a bulk verb's targets routed to the place each lives in;
//! - [`assume`]: `--assume-role`, accounts reached through a role assumed
//!   in each.
//!
//! A run's places are numbered by [`PlaceId`]; anything tied to one (a
//! target's ID, a resource for the plan) is [`Placed`].

pub mod assume;
mod host_prefix;
mod in_flight;
pub mod list;
pub mod partition;
pub mod route;
pub mod session;

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::error::{AppError, Result};

pub use list::{Enriched, Filtered, PageSource, list};
pub use route::{Places, route};
pub use session::{Session, SessionOptions};

/// `--region all`.
pub const ALL_REGIONS: &str = "all";

/// One region of one account, as rows, results and journals name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    pub region: String,
    pub account: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "region {}, account {}", self.region, self.account)
    }
}

/// A place of one run: its position among the run's [`Places`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(pub usize);

/// Something (a target's ID, a resource for the plan) and the place it
/// lives in.
#[derive(Debug, Clone)]
pub struct Placed<T> {
    pub place: PlaceId,
    pub item: T,
}

impl<T> Placed<T> {
    pub fn new(place: PlaceId, item: T) -> Placed<T> {
        Placed { place, item }
    }
}

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

/// The command line names one place (no repeated `--region`/`--profile`,
/// no `--region all`).
pub fn is_single(ctx: &Context) -> bool {
    ctx.assume_role.is_none()
        && ctx.profiles.len() <= 1
        && ctx.regions.len() <= 1
        && !ctx.regions.iter().any(|r| r == ALL_REGIONS)
}

/// The `--profile`s given, or the default one.
fn profiles(ctx: &Context) -> Vec<Option<String>> {
    if ctx.profiles.is_empty() {
        vec![None]
    } else {
        ctx.profiles.iter().cloned().map(Some).collect()
    }
}

/// The places a command line names, and the accounts it names that could
/// not be reached (their role refused), each described, with why.
pub struct Requested {
    pub places: Vec<SessionOptions>,
    pub unreachable: Vec<(String, AppError)>,
}

impl Requested {
    /// How many regions/accounts were asked for: the places, and the
    /// accounts that never became places.
    pub fn asked(&self) -> usize {
        self.places.len() + self.unreachable.len()
    }
}

/// The regions the command line names, `all` expanded for `service`; none
/// given, the session's own.
fn regions(ctx: &Context, service: Service) -> Vec<Option<String>> {
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
    regions
}

/// The session options of every place the command line names: each
/// (profile, region), or with `--assume-role` each (account, region) of the
/// accounts whose role was assumed; `all` expanded for `service`.
pub async fn requested(ctx: &Context, service: Service) -> Result<Requested> {
    let regions = regions(ctx, service);
    if let Some(assume) = &ctx.assume_role {
        let (reached, unreachable) = assume.assume_all(&ctx.session_options).await?;
        let places = reached
            .iter()
            .flat_map(|assumed| {
                regions.iter().map(|region| {
                    ctx.session_options
                        .assuming(assumed.clone(), region.clone())
                })
            })
            .collect();
        return Ok(Requested {
            places,
            unreachable,
        });
    }
    let profiles = profiles(ctx);
    let mut places = Vec::with_capacity(profiles.len() * regions.len());
    for profile in &profiles {
        for region in &regions {
            places.push(ctx.session_options.at(profile.clone(), region.clone()));
        }
    }
    Ok(Requested {
        places,
        unreachable: Vec::new(),
    })
}
