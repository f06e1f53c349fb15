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

use futures::stream::{self, BoxStream, StreamExt};
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

/// A place the command line names, known once its account is reached;
/// or an account that could not be reached, described, with why.
pub enum Reached {
    Place(SessionOptions),
    Unreachable(String, AppError),
}

/// The session options of every place the command line names, as each
/// becomes known: each (profile, region) at once, or with `--assume-role`
/// each (account, region) of an account as its role is assumed (with
/// `--organization`, the accounts of each ListAccounts page while the next
/// is read); `all` expanded for `service`. A page of accounts that cannot
/// be read is an error in its turn.
pub fn reached(ctx: &Context, service: Service) -> BoxStream<'_, Result<Reached>> {
    let regions = regions(ctx, service);
    let Some(assume) = &ctx.assume_role else {
        let mut places = Vec::with_capacity(ctx.profiles.len().max(1) * regions.len());
        for profile in &profiles(ctx) {
            for region in &regions {
                places.push(Ok(Reached::Place(
                    ctx.session_options.at(profile.clone(), region.clone()),
                )));
            }
        }
        return stream::iter(places).boxed();
    };
    let options = &ctx.session_options;
    assume
        .assume_each(options)
        .flat_map(move |outcome| {
            let reached: Vec<Result<Reached>> = match outcome {
                Ok((_, Ok(assumed))) => regions
                    .iter()
                    .map(|region| {
                        Ok(Reached::Place(
                            options.assuming(assumed.clone(), region.clone()),
                        ))
                    })
                    .collect(),
                Ok((account, Err(err))) => {
                    vec![Ok(Reached::Unreachable(format!("account {account}"), err))]
                }
                Err(err) => vec![Err(err)],
            };
            stream::iter(reached)
        })
        .boxed()
}

/// Every place the command line names (see [`reached`]), once all are
/// known.
pub async fn requested(ctx: &Context, service: Service) -> Result<Requested> {
    let mut requested = Requested {
        places: Vec::new(),
        unreachable: Vec::new(),
    };
    let mut reached = reached(ctx, service);
    while let Some(next) = reached.next().await {
        match next? {
            Reached::Place(options) => requested.places.push(options),
            Reached::Unreachable(described, err) => requested.unreachable.push((described, err)),
        }
    }
    Ok(requested)
}
