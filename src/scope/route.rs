//! Routing a bulk verb's targets to the place (region of an account) each
//! lives in. Most runs are one region of one
//! account, the session's; a target file that `list` wrote while reading
//! several regions or accounts carries a `region` and an `account` for each
//! record, and filters with several `--region`/`--profile` reach every one
//! named. Each (profile, region) a target needs becomes a place with its
//! own clients; the executor sends each target to its place's client.
//!
//! Everything here is settled before the first change: a record whose
//! account no `--profile` reaches, or whose region the command line rules
//! out, stops the run with nothing changed.

use std::future::Future;

use super::{ALL_REGIONS, Place, PlaceId, Placed, Service, Session, SessionOptions};
use crate::api::cloudwatch::CloudWatchClient;
use crate::api::{ThinClient, WorkspacesClient};
use crate::bulk::targets::Named;
use crate::context::Context;
use crate::error::{AppError, Result};

/// The places of one run, in the order the targets first named them, each
/// with its session.
pub struct Places {
    sessions: Vec<Session>,
}

impl Places {
    /// Rows say where they are (region and account columns) only when
    /// there is more than one place, as `list` does.
    pub fn located(&self) -> bool {
        self.sessions.len() > 1
    }

    /// Each place's region and account, when the run spans several.
    pub fn all(&self) -> Option<Vec<Place>> {
        if !self.located() {
            return None;
        }
        self.sessions.iter().map(Session::place).collect()
    }

    /// The place's region and account, when the run spans several.
    pub fn place(&self, id: PlaceId) -> Option<Place> {
        if !self.located() {
            return None;
        }
        self.sessions.get(id.0).and_then(Session::place)
    }

    /// Each place's session, in place order.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    pub fn thin_client(&self, id: PlaceId) -> &ThinClient {
        self.sessions[id.0].thin_client()
    }

    pub fn workspaces(&self, id: PlaceId) -> &WorkspacesClient {
        self.sessions[id.0].workspaces()
    }

    pub fn cloudwatch(&self, id: PlaceId) -> &CloudWatchClient {
        self.sessions[id.0].cloudwatch()
    }

    fn ids(&self) -> impl Iterator<Item = PlaceId> + use<> {
        (0..self.sessions.len()).map(PlaceId)
    }

    /// " in N regions/accounts" when the items span several places: what a
    /// plan's first line adds so the reach of a change is plain.
    pub fn spread<T>(&self, items: &[Placed<T>]) -> String {
        if !self.located() {
            return String::new();
        }
        let mut used: Vec<PlaceId> = items.iter().map(|i| i.place).collect();
        used.sort_unstable();
        used.dedup();
        format!(" in {} regions/accounts", used.len())
    }

    /// Runs `find` in each place with the IDs routed there (none: every
    /// target the filters find) and tags what it returns with the place.
    /// An error names the place it came from when there are several.
    pub async fn gather<T, F, Fut>(&self, ids: Vec<Vec<String>>, find: F) -> Result<Vec<Placed<T>>>
    where
        F: Fn(PlaceId, Vec<String>) -> Fut,
        Fut: Future<Output = Result<Vec<T>>>,
    {
        let mut found = Vec::new();
        for (place, ids) in self.ids().zip(ids) {
            let items = find(place, ids)
                .await
                .map_err(|err| self.blame(place, err))?;
            found.extend(items.into_iter().map(|item| Placed::new(place, item)));
        }
        Ok(found)
    }

    /// The error, saying which place it came from when there are several.
    pub fn blame(&self, id: PlaceId, err: AppError) -> AppError {
        match self.place(id) {
            Some(place) => prefix(err, &place.to_string()),
            None => err,
        }
    }
}

/// The targets of a run, routed: the places, and for each the IDs to
/// change there in the order given. No targets (filters only) means every
/// scope the command line names, each with no IDs.
pub struct Routed {
    pub places: Places,
    pub ids: Vec<Vec<String>>,
}

impl Routed {
    /// The routed IDs as executor targets, place by place.
    pub fn targets(&self) -> Vec<Placed<String>> {
        self.places
            .ids()
            .zip(&self.ids)
            .flat_map(|(place, ids)| ids.iter().map(move |id| Placed::new(place, id.clone())))
            .collect()
    }
}

/// Settles where each target lives (see the module's comment).
pub async fn route(ctx: &Context, service: Service, targets: Vec<Named>) -> Result<Routed> {
    if super::is_single(ctx) && !targets.iter().any(Named::is_placed) {
        // The common case: the session's region and account, no STS call.
        let session = ctx.session().await?.clone();
        let ids = targets.into_iter().map(|t| t.id).collect();
        return Ok(Routed {
            places: Places {
                sessions: vec![session],
            },
            ids: vec![ids],
        });
    }
    if targets.is_empty() {
        return every_place(ctx, service).await;
    }
    let (where_each, accounts) = if ctx.assume_role.is_some() {
        (assumed_place_of(ctx, service, &targets).await?, Vec::new())
    } else {
        profile_and_region_of(ctx, service, &targets).await?
    };
    let mut keys: Vec<SessionOptions> = Vec::new();
    let mut ids: Vec<Vec<String>> = Vec::new();
    for (target, key) in targets.into_iter().zip(where_each) {
        let index = match keys.iter().position(|k| *k == key) {
            Some(index) => index,
            None => {
                keys.push(key);
                ids.push(Vec::new());
                keys.len() - 1
            }
        };
        ids[index].push(target.id);
    }
    Ok(merged(open(&keys, &accounts).await?, ids))
}

/// Filters with several `--region`/`--profile`: every one is searched.
async fn every_place(ctx: &Context, service: Service) -> Result<Routed> {
    let requested = super::requested(ctx, service).await?;
    if let Some((account, err)) = requested.unreachable.into_iter().next() {
        return Err(prefix(err, &account));
    }
    let ids = vec![Vec::new(); requested.places.len()];
    Ok(merged(open(&requested.places, &[]).await?, ids))
}

/// One place per (region, account): two profiles of one account, or a
/// record without a region next to one naming the profile's own, would
/// otherwise reach the same resources twice.
fn merged(places: Places, ids: Vec<Vec<String>>) -> Routed {
    let mut kept: Vec<Session> = Vec::new();
    let mut kept_ids: Vec<Vec<String>> = Vec::new();
    for (session, ids) in places.sessions.into_iter().zip(ids) {
        let place = session.place();
        let same = kept
            .iter()
            .position(|k| place.is_some() && k.place() == place);
        match same {
            Some(index) => {
                for id in ids {
                    if !kept_ids[index].contains(&id) {
                        kept_ids[index].push(id);
                    }
                }
            }
            None => {
                kept.push(session);
                kept_ids.push(ids);
            }
        }
    }
    Routed {
        places: Places { sessions: kept },
        ids: kept_ids,
    }
}

/// Each profile's account, as STS told it.
type Accounts = Vec<(Option<String>, String)>;

/// Each target's (profile, region): its record's account picks the profile
/// and its region the region, checked against what the command line says.
/// Also the profiles' accounts, when they had to be asked.
async fn profile_and_region_of(
    ctx: &Context,
    service: Service,
    targets: &[Named],
) -> Result<(Vec<SessionOptions>, Accounts)> {
    let profiles = super::profiles(ctx);
    let given_regions = given_regions(ctx);
    let accounts = if profiles.len() > 1 || targets.iter().any(|t| t.account.is_some()) {
        let probe_region = given_regions
            .first()
            .map(|r| (*r).to_owned())
            .or_else(|| targets.iter().find_map(|t| t.region.clone()));
        Some(accounts_of(ctx, &profiles, probe_region).await?)
    } else {
        None
    };

    let where_each = targets
        .iter()
        .map(|target| {
            let profile = match (&target.account, &accounts) {
                (Some(account), Some(accounts)) => accounts
                    .iter()
                    .find(|(_, a)| a == account)
                    .map(|(p, _)| p.clone())
                    .ok_or_else(|| {
                        let reached: Vec<String> = accounts
                            .iter()
                            .map(|(p, a)| match p {
                                Some(p) => format!("{a} (profile {p})"),
                                None => a.clone(),
                            })
                            .collect();
                        AppError::usage(format!(
                            "target {} is in account {account}, which the credentials do not reach \
                             (they reach {}); nothing was changed",
                            target.describe(),
                            reached.join(", ")
                        ))
                    })?,
                _ if profiles.len() == 1 => profiles[0].clone(),
                _ => {
                    return Err(AppError::usage(format!(
                        "target {} has no account: with several --profile, each record needs \
                         the account field `list` prints when it reads several",
                        target.describe()
                    )));
                }
            };
            let region = region_of(ctx, service, target)?;
            Ok(ctx.session_options.at(profile, region))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((where_each, accounts.unwrap_or_default()))
}

/// The regions `--region` names, `all` left out.
fn given_regions(ctx: &Context) -> Vec<&str> {
    ctx.regions
        .iter()
        .map(String::as_str)
        .filter(|r| *r != ALL_REGIONS)
        .collect()
}

/// A target's region: its record's, checked against what the command line
/// says, or the one `--region` given.
fn region_of(ctx: &Context, service: Service, target: &Named) -> Result<Option<String>> {
    let all_regions = ctx.regions.iter().any(|r| r == ALL_REGIONS);
    let given_regions = given_regions(ctx);
    match &target.region {
        Some(region) if all_regions && !service.regions().contains(&region.as_str()) => {
            Err(AppError::usage(format!(
                "target {} is in region {region}, where the service is not offered \
                 (--region all)",
                target.describe()
            )))
        }
        Some(region)
            if !all_regions
                && !given_regions.is_empty()
                && !given_regions.contains(&region.as_str()) =>
        {
            Err(AppError::usage(format!(
                "target {} is in region {region}, outside --region {}; nothing was changed",
                target.describe(),
                given_regions.join(", ")
            )))
        }
        Some(region) => Ok(Some(region.clone())),
        None if given_regions.len() <= 1 && !all_regions => {
            Ok(given_regions.first().map(|r| (*r).to_owned()))
        }
        None => Err(AppError::usage(format!(
            "target {} has no region: with several --region, each record needs \
             the region field `list` prints when it reads several",
            target.describe()
        ))),
    }
}

/// Each target's place with `--assume-role`: its record's account (one of
/// the accounts named; with one, records need none) through the role
/// assumed there, and its region. Only the accounts the targets are in are
/// assumed; one that refuses stops the run before any change.
async fn assumed_place_of(
    ctx: &Context,
    service: Service,
    targets: &[Named],
) -> Result<Vec<SessionOptions>> {
    let Some(assume) = &ctx.assume_role else {
        return Ok(Vec::new());
    };
    let options = &ctx.session_options;
    let accounts = assume.accounts(options).await?;
    let account_of = |target: &Named| -> Result<String> {
        match &target.account {
            Some(account) if accounts.contains(account) => Ok(account.clone()),
            Some(account) => Err(AppError::usage(format!(
                "target {} is in account {account}, not among the {} accounts --assume-role \
                 reaches here; nothing was changed",
                target.describe(),
                accounts.len()
            ))),
            None if accounts.len() == 1 => Ok(accounts[0].clone()),
            None => Err(AppError::usage(format!(
                "target {} has no account: with several accounts, each record needs the \
                 account field `list` prints",
                target.describe()
            ))),
        }
    };
    let where_each = targets
        .iter()
        .map(|target| Ok((account_of(target)?, region_of(ctx, service, target)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut needed: Vec<&str> = where_each.iter().map(|(a, _)| a.as_str()).collect();
    needed.sort_unstable();
    needed.dedup();
    let assumed =
        futures::future::join_all(needed.iter().map(|account| assume.assume(options, account)))
            .await;
    let mut credentials = Vec::with_capacity(needed.len());
    for (account, assumed) in needed.iter().zip(assumed) {
        credentials.push(assumed.map_err(|err| prefix(err, &format!("account {account}")))?);
    }
    Ok(where_each
        .into_iter()
        .map(|(account, region)| {
            let assumed = credentials
                .iter()
                .find(|assumed| assumed.account == account)
                .cloned();
            SessionOptions {
                region,
                assumed,
                ..options.clone()
            }
        })
        .collect())
}

/// Each profile's account (STS), to match the records' `account` fields.
async fn accounts_of(
    ctx: &Context,
    profiles: &[Option<String>],
    region: Option<String>,
) -> Result<Accounts> {
    let lookups = profiles.iter().map(|profile| {
        let region = region
            .clone()
            .or_else(|| ctx.session_options.region.clone());
        let options = ctx.session_options.at(profile.clone(), region);
        async move {
            let session = Session::load(&options).await?;
            let account = session.account_id().await?.to_owned();
            Ok::<_, AppError>((profile.clone(), account))
        }
    });
    futures::future::join_all(lookups)
        .await
        .into_iter()
        .zip(profiles)
        .map(|(found, profile)| {
            found.map_err(|err| match profile {
                Some(profile) => prefix(err, &format!("profile {profile}")),
                None => err,
            })
        })
        .collect()
}

/// Loads each place's session and learns its account, all at once: from
/// `known` when the profile's account was already asked, else from STS.
/// Any that fails stops the run before anything changes.
async fn open(requested: &[SessionOptions], known: &[(Option<String>, String)]) -> Result<Places> {
    let opened = futures::future::join_all(requested.iter().map(|options| {
        let known_account = known
            .iter()
            .find(|(profile, _)| *profile == options.profile)
            .map(|(_, account)| account.as_str());
        Session::open(options, known_account)
    }))
    .await;
    let mut sessions = Vec::with_capacity(requested.len());
    for (options, opened) in requested.iter().zip(opened) {
        sessions.push(opened.map_err(|err| prefix(err, &options.describe()))?);
    }
    Ok(Places { sessions })
}

/// The error, its message led by the place it happened in; its kind and
/// hints kept.
fn prefix(err: AppError, place: &str) -> AppError {
    match err {
        AppError::Hinted { error, hints } => AppError::Hinted {
            error: Box::new(prefix(*error, place)),
            hints,
        },
        AppError::Aws(mut aws) => {
            aws.message = format!("{place}: {}", aws.message);
            AppError::Aws(aws)
        }
        AppError::Access(message) => AppError::Access(format!("{place}: {message}")),
        AppError::Usage(message) => AppError::Usage(format!("{place}: {message}")),
        other => other,
    }
}
