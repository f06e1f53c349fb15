//! WorkSpaces Pools: describing, creating, updating, starting, stopping and
//! terminating pools, and their user sessions.
//!
//! A pool moves CREATING → RUNNING, STOPPED → STARTING → RUNNING, RUNNING →
//! STOPPING → STOPPED, RUNNING or STOPPED → UPDATING → back, STOPPED →
//! DELETING → gone, each step one transition long. Only a stopped pool can
//! be terminated, and a pool in a transition refuses every other change
//! with OperationInProgressException, as the service does.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{
    BUNDLE_ID, DIRECTORY_ID, IdChars, IdPattern, Input, TextPattern, check_count, check_enum,
    check_length, check_range, constraint_failure, page_size,
};
use super::model::{Advanced, Schedule, ScheduledState, advance_schedule, epoch_seconds};
use super::paging::{Listing, to_json};
use super::seed::SplitMix;
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState, earliest};

pub const POOL_ID: IdPattern = IdPattern {
    prefix: "wspool-",
    chars: IdChars::LowerAlphanumeric,
    min: 9,
    max: 9,
    or: None,
    text: "^wspool-[0-9a-z]{9}$",
};

/// UpdateDescription: `^[a-zA-Z0-9_./() -]+$`, 1 to 255.
const POOL_DESCRIPTION: TextPattern = TextPattern {
    extra_chars: "_./() -",
    min: 1,
    max: 255,
    text: "^[a-zA-Z0-9_./() -]+$",
};

/// SettingsGroup: `^[A-Za-z0-9_./()!*'-]+$`, at most 100.
const SETTINGS_GROUP: TextPattern = TextPattern {
    extra_chars: "_./()!*'-",
    min: 1,
    max: 100,
    text: "^[A-Za-z0-9_./()!*'-]+$",
};

const RUNNING_MODES: &[&str] = &["AUTO_STOP", "ALWAYS_ON"];
const SETTINGS_STATUSES: &[&str] = &["DISABLED", "ENABLED"];
const FILTER_OPERATORS: &[&str] = &["EQUALS", "NOTEQUALS", "CONTAINS", "NOTCONTAINS"];

/// The service's default quota of pools a region.
const POOLS_PER_REGION: usize = 50;
/// The sandbox answers small pages when the caller names no Limit, so a
/// client that reads only the first page is caught with a seeded fleet.
const DEFAULT_POOL_PAGE: usize = 3;
const DEFAULT_SESSION_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CapacityStatus {
    pub available_user_sessions: i64,
    pub desired_user_sessions: i64,
    pub actual_user_sessions: i64,
    pub active_user_sessions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationSettings {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TimeoutSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_timeout_in_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_disconnect_timeout_in_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_user_duration_in_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PoolError {
    pub error_code: String,
    pub error_message: String,
}

/// A pool as DescribeWorkspacesPools shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pool {
    pub pool_id: String,
    pub pool_arn: String,
    pub capacity_status: CapacityStatus,
    pub pool_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub state: String,
    #[serde(with = "epoch_seconds")]
    pub created_at: DateTime<Utc>,
    pub bundle_id: String,
    pub directory_id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<PoolError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_settings: Option<ApplicationSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_settings: Option<TimeoutSettings>,
    pub running_mode: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PoolSession {
    pub authentication_type: String,
    pub connection_state: String,
    pub session_id: String,
    pub instance_id: String,
    pub pool_id: String,
    #[serde(with = "epoch_seconds")]
    pub expiration_time: DateTime<Utc>,
    #[serde(with = "epoch_seconds")]
    pub start_time: DateTime<Utc>,
    pub user_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolRecord {
    pub pool: Pool,
    #[serde(default, skip_serializing_if = "Schedule::is_empty")]
    pub schedule: Schedule,
    /// Keyed by session id.
    #[serde(default)]
    pub sessions: BTreeMap<String, PoolSession>,
}

impl PoolRecord {
    /// The capacity figures once the pool has settled in its state.
    fn settle_capacity(&mut self) {
        let active = self.sessions.len() as i64;
        let capacity = &mut self.pool.capacity_status;
        capacity.actual_user_sessions = match self.pool.state.as_str() {
            "RUNNING" => capacity.desired_user_sessions.max(active),
            _ => 0,
        };
        capacity.active_user_sessions = active;
        capacity.available_user_sessions = (capacity.actual_user_sessions - active).max(0);
    }

    /// Moves to `passing` now and to `settled` one transition later.
    fn transition(&mut self, clock: &Clock, passing: &str, settled: Option<&str>) {
        self.pool.state = passing.to_owned();
        self.schedule = Schedule::new(vec![ScheduledState {
            at: clock.after(1),
            state: settled.map(str::to_owned),
        }]);
    }
}

/// AmazonUuid: 36 characters, lowercase hex in 8-4-4-4-12.
pub(super) fn check_uuid(path: &str, value: &str) -> Result<(), WsError> {
    check_length(path, value, 36, 36)?;
    let groups: Vec<&str> = value.split('-').collect();
    let well_formed = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    if well_formed {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: [a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}",
        ))
    }
}

/// WorkspacesPoolName: `^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`.
fn check_pool_name(path: &str, value: &str) -> Result<(), WsError> {
    let mut chars = value.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    let rest: Vec<char> = chars.collect();
    if first_ok
        && rest.len() <= 63
        && rest
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
    {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
        ))
    }
}

/// The `Capacity`, `ApplicationSettings`, `TimeoutSettings` and
/// `RunningMode` members CreateWorkspacesPool and UpdateWorkspacesPool share.
struct PoolSettings {
    desired: Option<i64>,
    application: Option<ApplicationSettings>,
    timeouts: Option<TimeoutSettings>,
    running_mode: Option<String>,
}

fn read_settings(input: &Input) -> Result<PoolSettings, WsError> {
    let desired = match input.object("Capacity")? {
        Some(capacity) => {
            let desired = capacity
                .int("DesiredUserSessions")?
                .ok_or_else(|| super::input::missing(&capacity.path_of("DesiredUserSessions")))?;
            check_range(
                &capacity.path_of("DesiredUserSessions"),
                desired,
                0,
                i64::from(i32::MAX),
            )?;
            Some(desired)
        }
        None => None,
    };
    let application = match input.object("ApplicationSettings")? {
        Some(settings) => {
            let status = settings.required_str("Status")?;
            check_enum(&settings.path_of("Status"), status, SETTINGS_STATUSES)?;
            let group = settings.str("SettingsGroup")?;
            if let Some(group) = group {
                SETTINGS_GROUP.check(&settings.path_of("SettingsGroup"), group)?;
            }
            Some(ApplicationSettings {
                status: status.to_owned(),
                settings_group: group.map(str::to_owned),
                s3_bucket_name: None,
            })
        }
        None => None,
    };
    let timeouts = match input.object("TimeoutSettings")? {
        Some(settings) => {
            let bounded = |name: &str, min: i64, max: i64| -> Result<Option<i64>, WsError> {
                let value = settings.int(name)?;
                if let Some(value) = value {
                    check_range(&settings.path_of(name), value, min, max)?;
                }
                Ok(value)
            };
            Some(TimeoutSettings {
                disconnect_timeout_in_seconds: bounded("DisconnectTimeoutInSeconds", 60, 36000)?,
                idle_disconnect_timeout_in_seconds: bounded(
                    "IdleDisconnectTimeoutInSeconds",
                    0,
                    36000,
                )?,
                max_user_duration_in_seconds: bounded("MaxUserDurationInSeconds", 600, 432000)?,
            })
        }
        None => None,
    };
    let running_mode = input.str("RunningMode")?;
    if let Some(mode) = running_mode {
        check_enum(&input.path_of("RunningMode"), mode, RUNNING_MODES)?;
    }
    Ok(PoolSettings {
        desired,
        application,
        timeouts,
        running_mode: running_mode.map(str::to_owned),
    })
}

/// Persistent application settings live in a bucket the service names per
/// region and account.
fn with_bucket(mut settings: ApplicationSettings) -> ApplicationSettings {
    settings.s3_bucket_name =
        (settings.status == "ENABLED").then(|| format!("wspool-app-settings-{ACCOUNT_ID}"));
    settings
}

fn in_progress(pool: &Pool) -> WsError {
    WsError::of(
        "OperationInProgressException",
        format!(
            "The pool {} is {}; wait for the operation in progress to end.",
            pool.pool_id, pool.state
        ),
    )
}

fn is_transitional(state: &str) -> bool {
    matches!(
        state,
        "CREATING" | "STARTING" | "STOPPING" | "UPDATING" | "DELETING"
    )
}

impl WorkspacesState {
    fn pool_mut(&mut self, pool_id: &str) -> Result<&mut PoolRecord, WsError> {
        self.pools
            .get_mut(pool_id)
            .ok_or_else(|| WsError::not_found(format!("The pool {pool_id} could not be found.")))
    }

    /// A pool that may change now: not in a transition.
    fn settled_pool(&mut self, input: &Input) -> Result<&mut PoolRecord, WsError> {
        let pool_id = input.required_id("PoolId", &POOL_ID)?;
        let record = self.pool_mut(pool_id)?;
        if is_transitional(&record.pool.state) {
            return Err(in_progress(&record.pool));
        }
        Ok(record)
    }

    fn check_pool_resources(&self, bundle_id: &str, directory_id: &str) -> Result<(), WsError> {
        if !self.bundles.contains_key(bundle_id) {
            return Err(WsError::not_found(format!(
                "The bundle {bundle_id} could not be found."
            )));
        }
        if !self.directories.contains_key(directory_id) {
            return Err(WsError::not_found(format!(
                "The directory {directory_id} could not be found."
            )));
        }
        Ok(())
    }

    /// Applies the pool transitions due at `now`; answers when the next is due.
    pub(super) fn advance_pools(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut still_due = None;
        self.pools.retain(|_, record| {
            let outcome = advance_schedule(&mut record.schedule, now, |state, _| {
                record.pool.state = state;
            });
            if matches!(outcome, Advanced::Changed) {
                if record.pool.state != "RUNNING" {
                    record.sessions.clear();
                }
                record.settle_capacity();
            }
            still_due = earliest(still_due, record.schedule.next_due());
            !matches!(outcome, Advanced::Gone)
        });
        let gone: Vec<String> = self
            .tags
            .keys()
            .filter(|id| id.starts_with(POOL_ID.prefix) && !self.pools.contains_key(*id))
            .cloned()
            .collect();
        for id in gone {
            self.tags.remove(&id);
        }
        still_due
    }

    pub(super) fn describe_workspaces_pools(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let pool_ids = input.id_list("PoolIds", &POOL_ID)?;
        if let Some(ids) = &pool_ids {
            check_count(&input.path_of("PoolIds"), ids.len(), 1, 25)?;
        }
        let mut name_filters = Vec::new();
        if let Some(filters) = input.objects("Filters")? {
            check_count(&input.path_of("Filters"), filters.len(), 1, 25)?;
            for filter in &filters {
                let name = filter.required_str("Name")?;
                check_enum(&filter.path_of("Name"), name, &["PoolName"])?;
                let operator = filter.required_str("Operator")?;
                check_enum(&filter.path_of("Operator"), operator, FILTER_OPERATORS)?;
                let values = filter
                    .strings("Values")?
                    .ok_or_else(|| super::input::missing(&filter.path_of("Values")))?;
                check_count(&filter.path_of("Values"), values.len(), 1, 25)?;
                for value in &values {
                    check_length(&filter.path_of("Values"), value, 1, 128)?;
                }
                name_filters.push((operator, values));
            }
        }
        let size = page_size(input, "Limit", 25, DEFAULT_POOL_PAGE)?;
        let wanted = |pool: &Pool| {
            pool_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&pool.pool_id.as_str()))
                && name_filters.iter().all(|(operator, values)| {
                    let name = pool.pool_name.as_str();
                    match *operator {
                        "EQUALS" => values.contains(&name),
                        "NOTEQUALS" => !values.contains(&name),
                        "CONTAINS" => values.iter().any(|v| name.contains(v)),
                        _ => !values.iter().any(|v| name.contains(v)),
                    }
                })
        };
        let listing = Listing::start("WorkspacesPools", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.pools)
            .map(|(id, record)| (id, &record.pool))
            .filter(|(_, pool)| wanted(pool));
        listing.page(entries, size)
    }

    pub(super) fn create_workspaces_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("PoolName")?;
        check_pool_name(&input.path_of("PoolName"), name)?;
        let description = input.required_str("Description")?;
        POOL_DESCRIPTION.check(&input.path_of("Description"), description)?;
        let bundle_id = input.required_id("BundleId", &BUNDLE_ID)?;
        let directory_id = input.required_id("DirectoryId", &DIRECTORY_ID)?;
        if input.object("Capacity")?.is_none() {
            return Err(super::input::missing(&input.path_of("Capacity")));
        }
        let settings = read_settings(input)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        if self.pools.values().any(|r| r.pool.pool_name == name) {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("A pool named {name} already exists."),
            ));
        }
        self.check_pool_resources(bundle_id, directory_id)?;
        if self.pools.len() >= POOLS_PER_REGION {
            return Err(WsError::of(
                "ResourceLimitExceededException",
                format!("An account can have at most {POOLS_PER_REGION} pools a region."),
            ));
        }

        let pool_id = self
            .id_source
            .fresh_id("wspool-", 9, |id| self.pools.contains_key(id));
        let mut record = PoolRecord {
            pool: Pool {
                pool_id: pool_id.clone(),
                pool_arn: pool_arn(&pool_id),
                capacity_status: CapacityStatus {
                    available_user_sessions: 0,
                    desired_user_sessions: settings.desired.unwrap_or_default(),
                    actual_user_sessions: 0,
                    active_user_sessions: 0,
                },
                pool_name: name.to_owned(),
                description: Some(description.to_owned()),
                state: String::new(),
                created_at: clock.now,
                bundle_id: bundle_id.to_owned(),
                directory_id: directory_id.to_owned(),
                errors: Vec::new(),
                application_settings: settings.application.map(with_bucket),
                timeout_settings: settings.timeouts,
                running_mode: settings
                    .running_mode
                    .unwrap_or_else(|| "AUTO_STOP".to_owned()),
            },
            schedule: Schedule::default(),
            sessions: BTreeMap::new(),
        };
        record.transition(clock, "CREATING", Some("RUNNING"));
        let pool = to_json(&record.pool)?;
        if !tags.is_empty() {
            self.tags.insert(pool_id.clone(), tags);
        }
        self.pools.insert(pool_id, record);
        Ok(json!({ "WorkspacesPool": pool }))
    }

    pub(super) fn update_workspaces_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let description = input.str("Description")?;
        if let Some(description) = description {
            POOL_DESCRIPTION.check(&input.path_of("Description"), description)?;
        }
        let bundle_id = input.id("BundleId", &BUNDLE_ID)?;
        let directory_id = input.id("DirectoryId", &DIRECTORY_ID)?;
        let settings = read_settings(input)?;
        let pool_id = input.required_id("PoolId", &POOL_ID)?;
        let current = self.pool_mut(pool_id)?.pool.clone();
        self.check_pool_resources(
            bundle_id.unwrap_or(&current.bundle_id),
            directory_id.unwrap_or(&current.directory_id),
        )?;
        let record = self.settled_pool(input)?;
        let moves_resources = bundle_id.is_some_and(|b| b != current.bundle_id)
            || directory_id.is_some_and(|d| d != current.directory_id);
        if moves_resources && record.pool.state != "STOPPED" {
            return Err(WsError::invalid_state(format!(
                "The pool {pool_id} is {}; stop it before changing its bundle or directory.",
                record.pool.state
            )));
        }
        let pool = &mut record.pool;
        if let Some(description) = description {
            pool.description = Some(description.to_owned());
        }
        if let Some(bundle_id) = bundle_id {
            pool.bundle_id = bundle_id.to_owned();
        }
        if let Some(directory_id) = directory_id {
            pool.directory_id = directory_id.to_owned();
        }
        if let Some(desired) = settings.desired {
            pool.capacity_status.desired_user_sessions = desired;
        }
        if let Some(application) = settings.application {
            pool.application_settings = Some(with_bucket(application));
        }
        if let Some(timeouts) = settings.timeouts {
            pool.timeout_settings = Some(timeouts);
        }
        if let Some(mode) = settings.running_mode {
            pool.running_mode = mode;
        }
        let settled = pool.state.clone();
        record.transition(clock, "UPDATING", Some(&settled));
        Ok(json!({ "WorkspacesPool": to_json(&record.pool)? }))
    }

    /// Start, stop or terminate: the pool must be settled in `from`; it
    /// passes through `passing` to `settled` (`None`: gone).
    fn move_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
        from: &str,
        (passing, settled): (&str, Option<&str>),
        rule: &str,
    ) -> Result<Value, WsError> {
        let record = self.settled_pool(input)?;
        if record.pool.state != from {
            return Err(WsError::invalid_state(format!(
                "The pool {} is {}; {rule}.",
                record.pool.pool_id, record.pool.state
            )));
        }
        record.transition(clock, passing, settled);
        Ok(json!({}))
    }

    pub(super) fn start_workspaces_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let path = ("STARTING", Some("RUNNING"));
        self.move_pool(
            input,
            clock,
            "STOPPED",
            path,
            "only a STOPPED pool can be started",
        )
    }

    pub(super) fn stop_workspaces_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let path = ("STOPPING", Some("STOPPED"));
        self.move_pool(
            input,
            clock,
            "RUNNING",
            path,
            "only a RUNNING pool can be stopped",
        )
    }

    pub(super) fn terminate_workspaces_pool(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let path = ("DELETING", None);
        self.move_pool(
            input,
            clock,
            "STOPPED",
            path,
            "stop it before terminating it",
        )
    }

    pub(super) fn describe_workspaces_pool_sessions(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let pool_id = input.required_id("PoolId", &POOL_ID)?;
        let user_id = input.str("UserId")?;
        if let Some(user_id) = user_id {
            check_length(&input.path_of("UserId"), user_id, 2, 128)?;
        }
        let size = page_size(input, "Limit", 50, DEFAULT_SESSION_PAGE)?;
        let record = self
            .pools
            .get(pool_id)
            .ok_or_else(|| WsError::not_found(format!("The pool {pool_id} could not be found.")))?;
        let listing = Listing::start("Sessions", input.str("NextToken")?)?;
        let entries = listing
            .entries(&record.sessions)
            .filter(|(_, session)| user_id.is_none_or(|user| session.user_id == user));
        listing.page(entries, size)
    }

    pub(super) fn terminate_workspaces_pool_session(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let session_id = input.required_str("SessionId")?;
        check_uuid(&input.path_of("SessionId"), session_id)?;
        let record = self
            .pools
            .values_mut()
            .find(|record| record.sessions.contains_key(session_id))
            .ok_or_else(|| {
                WsError::not_found(format!("The session {session_id} could not be found."))
            })?;
        if is_transitional(&record.pool.state) {
            return Err(in_progress(&record.pool));
        }
        record.sessions.remove(session_id);
        record.settle_capacity();
        Ok(json!({}))
    }
}

fn pool_arn(pool_id: &str) -> String {
    format!("arn:aws:workspaces:us-east-1:{ACCOUNT_ID}:workspacespool/{pool_id}")
}

/// An AmazonUuid, from the state's deterministic source.
pub(super) fn uuid(rng: &mut SplitMix) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    [8, 4, 4, 4, 12]
        .map(|length| rng.chars(HEX, length))
        .join("-")
}

/// Pools in each settled state, one of them with sessions enough to page and
/// one with the errors a misconfigured pool reports.
pub(super) fn seed_pools(state: &mut WorkspacesState, rng: &mut SplitMix, now: DateTime<Utc>) {
    let Some(bundle_id) = state.bundles.keys().next().cloned() else {
        return;
    };
    let Some(directory_id) = state.directories.keys().next().cloned() else {
        return;
    };
    let specs: [(&str, &str, i64, usize, &str); 4] = [
        ("call-centre", "RUNNING", 20, 14, "ALWAYS_ON"),
        ("contractors", "RUNNING", 5, 0, "AUTO_STOP"),
        ("training-lab", "STOPPED", 10, 0, "AUTO_STOP"),
        ("summer-interns", "STOPPED", 3, 0, "AUTO_STOP"),
    ];
    for (index, (name, pool_state, desired, sessions, mode)) in specs.into_iter().enumerate() {
        let pool_id = rng.fresh_id("wspool-", 9, |id| state.pools.contains_key(id));
        let created_at = now - chrono::TimeDelta::days(90 - 20 * index as i64);
        let mut record = PoolRecord {
            pool: Pool {
                pool_id: pool_id.clone(),
                pool_arn: pool_arn(&pool_id),
                capacity_status: CapacityStatus {
                    available_user_sessions: 0,
                    desired_user_sessions: desired,
                    actual_user_sessions: 0,
                    active_user_sessions: 0,
                },
                pool_name: name.to_owned(),
                description: Some(format!("Pool for the {}", name.replace('-', " "))),
                state: pool_state.to_owned(),
                created_at,
                bundle_id: bundle_id.clone(),
                directory_id: directory_id.clone(),
                errors: if index == 3 {
                    vec![PoolError {
                        error_code: "SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES".to_owned(),
                        error_message: "The subnets of the directory have too few free addresses."
                            .to_owned(),
                    }]
                } else {
                    Vec::new()
                },
                application_settings: Some(with_bucket(ApplicationSettings {
                    status: if index == 0 { "ENABLED" } else { "DISABLED" }.to_owned(),
                    settings_group: (index == 0).then(|| "call-centre".to_owned()),
                    s3_bucket_name: None,
                })),
                timeout_settings: Some(TimeoutSettings {
                    disconnect_timeout_in_seconds: Some(900),
                    idle_disconnect_timeout_in_seconds: Some(600),
                    max_user_duration_in_seconds: Some(57600),
                }),
                running_mode: mode.to_owned(),
            },
            schedule: Schedule::default(),
            sessions: BTreeMap::new(),
        };
        for number in 0..sessions {
            let id = uuid(rng);
            let start_time = now - chrono::TimeDelta::minutes(10 * (number as i64 + 1));
            record.sessions.insert(
                id.clone(),
                PoolSession {
                    authentication_type: "SAML".to_owned(),
                    connection_state: if number % 4 == 3 {
                        "NOT_CONNECTED"
                    } else {
                        "CONNECTED"
                    }
                    .to_owned(),
                    session_id: id,
                    instance_id: format!("i-{}", rng.chars(b"0123456789abcdef", 17)),
                    pool_id: pool_id.clone(),
                    expiration_time: start_time + chrono::TimeDelta::hours(16),
                    start_time,
                    user_id: format!("agent{:02}@example.com", number + 1),
                },
            );
        }
        record.settle_capacity();
        state.pools.insert(pool_id, record);
    }
}
