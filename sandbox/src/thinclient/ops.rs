//! What each Thin Client operation does to the state.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::error::TcError;
use super::model::{
    DeviceStatus, Environment, IdempotentReply, MaintenanceWindow, ResourceKind, ThinClientState,
    Transition, TransitionKind, UpdateSchedule, UpdateStatus,
};
use super::paging::page;
use super::validate::{self, Body, Checks};
use super::{Op, Reply, Request};

/// The most environments an account may hold (a ServiceQuotaExceededException beyond).
pub const ENVIRONMENT_QUOTA: usize = 100;

const DEVICE_ID_PATTERN: &str = "^[a-zA-Z0-9]{24}$";
const ENVIRONMENT_ID_PATTERN: &str = "^[a-z0-9]{9}$";
const SOFTWARE_SET_ID_PATTERN: &str = "^[0-9]{1,9}$";
const ARN_PATTERN: &str =
    r"^arn:[\w+=\/,.@-]+:[a-zA-Z0-9\-]+:[a-zA-Z0-9\-]*:[0-9]{0,12}:[a-zA-Z0-9\-\/\._]+$";
const KMS_KEY_ARN_PATTERN: &str =
    r"^arn:[\w+=\/,.@-]+:kms:[a-zA-Z0-9\-]*:[0-9]{0,12}:key\/[a-zA-Z0-9-]+$";
const DESKTOP_ENDPOINT_PATTERN: &str =
    r"^(https:\/\/)[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,32}(:[0-9]{1,5})?(\/.*)?$";
const DEVICE_NAME_PATTERN: &str = r#"^$|^[0-9\p{IsAlphabetic}+:,.@'" -]*$"#;
const ENVIRONMENT_NAME_PATTERN: &str =
    r#"^$|^[0-9\p{IsAlphabetic}+:,.@'" -][0-9\p{IsAlphabetic}+=:,.@'" -]*$"#;

fn ok(status: u16, body: Value) -> Result<Reply, TcError> {
    Ok(Reply {
        status,
        body: Some(body),
    })
}

fn no_content() -> Result<Reply, TcError> {
    Ok(Reply {
        status: 204,
        body: None,
    })
}

/// The label of the path, checked against the id's pattern.
fn label_id<'a>(
    request: &'a Request,
    valid: fn(&str) -> bool,
    pattern: &str,
) -> Result<&'a str, TcError> {
    let id = request.route.label.as_deref().unwrap_or_default();
    let mut checks = Checks::default();
    checks.pattern("id", id, valid(id), pattern);
    checks.finish()?;
    Ok(id)
}

fn optional_enum(checks: &mut Checks, name: &str, value: &Option<String>, allowed: &[&str]) {
    if let Some(value) = value {
        checks.one_of(name, value, allowed);
    }
}

/// Which desktop service an ARN names, as the environment's `desktopType`.
fn desktop_type(desktop_arn: &str) -> Option<&'static str> {
    match desktop_arn.split(':').nth(2)? {
        "workspaces" => Some("workspaces"),
        "appstream" => Some("appstream"),
        "workspaces-web" => Some("workspaces-web"),
        _ => None,
    }
}

fn check_desktop_arn(checks: &mut Checks, value: &str) {
    checks.length("desktopArn", value, 20, 2048);
    checks.pattern("desktopArn", value, validate::is_arn(value), ARN_PATTERN);
    if validate::is_arn(value) && desktop_type(value).is_none() {
        checks.fail(
            "desktopArn",
            format!(
                "Value '{value}' at 'desktopArn' must be the ARN of an Amazon WorkSpaces directory, a WorkSpaces Secure Browser portal or an AppStream 2.0 stack"
            ),
        );
    }
}

fn parse_window(
    checks: &mut Checks,
    value: &Map<String, Value>,
) -> Result<MaintenanceWindow, TcError> {
    let window: MaintenanceWindow = serde_json::from_value(Value::Object(value.clone()))
        .map_err(|error| validate::cannot_parse(&format!("'maintenanceWindow': {error}")))?;
    checks.one_of(
        "maintenanceWindow.type",
        &window.window_type,
        validate::WINDOW_TYPES,
    );
    for (name, value, max) in [
        (
            "maintenanceWindow.startTimeHour",
            window.start_time_hour,
            23,
        ),
        (
            "maintenanceWindow.startTimeMinute",
            window.start_time_minute,
            59,
        ),
        ("maintenanceWindow.endTimeHour", window.end_time_hour, 23),
        (
            "maintenanceWindow.endTimeMinute",
            window.end_time_minute,
            59,
        ),
    ] {
        if let Some(value) = value {
            checks.range(name, value, 0, max);
        }
    }
    if let Some(days) = &window.days_of_the_week {
        if days.is_empty() || days.len() > 7 {
            checks.fail(
                "maintenanceWindow.daysOfTheWeek",
                "Value at 'maintenanceWindow.daysOfTheWeek' failed to satisfy constraint: Member must have length between 1 and 7".to_string(),
            );
        }
        for day in days {
            checks.one_of(
                "maintenanceWindow.daysOfTheWeek",
                day,
                validate::DAYS_OF_WEEK,
            );
        }
    }
    optional_enum(
        checks,
        "maintenanceWindow.applyTimeOf",
        &window.apply_time_of,
        validate::APPLY_TIME_OF,
    );
    if window.window_type == "CUSTOM" {
        for (name, value) in [
            ("maintenanceWindow.startTimeHour", window.start_time_hour),
            ("maintenanceWindow.endTimeHour", window.end_time_hour),
        ] {
            if value.is_none() {
                checks.fail(
                    name,
                    format!("A CUSTOM maintenance window requires '{name}'"),
                );
            }
        }
    }
    Ok(complete_window(window))
}

/// Fills in what the service defaults: a custom window's minutes (0), days
/// (all) and time reference (UTC); a system window carries nothing else.
fn complete_window(window: MaintenanceWindow) -> MaintenanceWindow {
    if window.window_type != "CUSTOM" {
        return MaintenanceWindow::system();
    }
    MaintenanceWindow {
        start_time_minute: window.start_time_minute.or(Some(0)),
        end_time_minute: window.end_time_minute.or(Some(0)),
        days_of_the_week: window.days_of_the_week.or_else(|| {
            Some(
                validate::DAYS_OF_WEEK
                    .iter()
                    .map(|day| day.to_string())
                    .collect(),
            )
        }),
        apply_time_of: window.apply_time_of.or(Some("UTC".to_string())),
        ..window
    }
}

/// The fields CreateEnvironment and UpdateEnvironment share, read and checked.
struct EnvironmentInput {
    name: Option<String>,
    desktop_arn: Option<String>,
    desktop_endpoint: Option<String>,
    schedule: Option<String>,
    window: Option<MaintenanceWindow>,
    mode: Option<String>,
    desired: Option<String>,
    device_creation_tags: Option<BTreeMap<String, String>>,
}

impl EnvironmentInput {
    fn read(body: &Body, checks: &mut Checks, desired_may_be_empty: bool) -> Result<Self, TcError> {
        let input = EnvironmentInput {
            name: body.string("name")?,
            desktop_arn: body.string("desktopArn")?,
            desktop_endpoint: body.string("desktopEndpoint")?,
            schedule: body.string("softwareSetUpdateSchedule")?,
            window: match body.object("maintenanceWindow")? {
                Some(window) => Some(parse_window(checks, window)?),
                None => None,
            },
            mode: body.string("softwareSetUpdateMode")?,
            desired: body.string("desiredSoftwareSetId")?,
            device_creation_tags: body.string_map("deviceCreationTags")?,
        };
        if let Some(name) = &input.name {
            checks.pattern(
                "name",
                name,
                validate::is_environment_name(name),
                ENVIRONMENT_NAME_PATTERN,
            );
        }
        if let Some(arn) = &input.desktop_arn {
            check_desktop_arn(checks, arn);
        }
        if let Some(endpoint) = &input.desktop_endpoint {
            checks.length("desktopEndpoint", endpoint, 1, 1024);
            checks.pattern(
                "desktopEndpoint",
                endpoint,
                validate::is_desktop_endpoint(endpoint),
                DESKTOP_ENDPOINT_PATTERN,
            );
        }
        optional_enum(
            checks,
            "softwareSetUpdateSchedule",
            &input.schedule,
            UpdateSchedule::ALL,
        );
        optional_enum(
            checks,
            "softwareSetUpdateMode",
            &input.mode,
            validate::UPDATE_MODES,
        );
        if let Some(desired) = &input.desired {
            let valid = validate::is_software_set_id(desired)
                || (desired_may_be_empty && desired.is_empty());
            let pattern = if desired_may_be_empty {
                "^[0-9]{0,9}$"
            } else {
                SOFTWARE_SET_ID_PATTERN
            };
            checks.pattern("desiredSoftwareSetId", desired, valid, pattern);
        }
        if let Some(tags) = &input.device_creation_tags {
            checks.device_creation_tags("deviceCreationTags", tags);
        }
        Ok(input)
    }
}

impl ThinClientState {
    /// Runs one request at `now`; `transition` is how long DEREGISTERING and
    /// software installs last.
    pub fn handle(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Reply, TcError> {
        self.apply_due(now);
        let token = request.client_token();
        let Some(token) = token else {
            return self.dispatch(request, now, transition);
        };
        let mut checks = Checks::default();
        checks.length("clientToken", &token, 1, 512);
        checks.finish()?;
        let key = format!("{}:{token}", request.route.op.name());
        let fingerprint = format!(
            "{}|{}",
            request.route.label.as_deref().unwrap_or_default(),
            Body::parse(request.body)?.fingerprint()
        );
        if let Some(previous) = self.idempotency.get(&key) {
            if previous.fingerprint != fingerprint {
                return Err(TcError::conflict(
                    "clientToken",
                    &token,
                    format!(
                        "IdempotentParameterMismatch: the clientToken {token} was already used with different parameters"
                    ),
                ));
            }
            return Ok(Reply {
                status: previous.status,
                body: previous.body.clone(),
            });
        }
        let reply = self.dispatch(request, now, transition)?;
        self.idempotency.insert(
            key,
            IdempotentReply {
                fingerprint,
                status: reply.status,
                body: reply.body.clone(),
            },
        );
        Ok(reply)
    }

    fn dispatch(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Reply, TcError> {
        let transition = chrono::Duration::from_std(transition).unwrap_or(chrono::Duration::zero());
        match request.route.op {
            Op::ListDevices => {
                let page = page(&self.devices, "devices", request.query, now)?;
                let devices: Vec<Value> =
                    page.items.iter().map(|d| self.device_summary(d)).collect();
                ok(
                    200,
                    with_token(json!({ "devices": devices }), page.next_token),
                )
            }
            Op::ListEnvironments => {
                let page = page(&self.environments, "environments", request.query, now)?;
                let environments: Vec<Value> = page
                    .items
                    .iter()
                    .map(|e| self.environment_summary(e))
                    .collect();
                ok(
                    200,
                    with_token(json!({ "environments": environments }), page.next_token),
                )
            }
            Op::ListSoftwareSets => {
                let page = page(&self.software_sets, "softwaresets", request.query, now)?;
                let sets: Vec<Value> = page
                    .items
                    .iter()
                    .map(|s| self.software_set_summary(s))
                    .collect();
                ok(
                    200,
                    with_token(json!({ "softwareSets": sets }), page.next_token),
                )
            }
            Op::GetDevice => {
                let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?;
                let device = self
                    .devices
                    .get(id)
                    .ok_or_else(|| TcError::not_found("device", id))?;
                ok(200, json!({ "device": self.device_detail(device, now) }))
            }
            Op::GetEnvironment => {
                let id = label_id(request, validate::is_environment_id, ENVIRONMENT_ID_PATTERN)?;
                let environment = self
                    .environments
                    .get(id)
                    .ok_or_else(|| TcError::not_found("environment", id))?;
                ok(
                    200,
                    json!({ "environment": self.environment_detail(environment) }),
                )
            }
            Op::GetSoftwareSet => {
                let id = label_id(
                    request,
                    validate::is_software_set_id,
                    SOFTWARE_SET_ID_PATTERN,
                )?;
                let set = self
                    .software_sets
                    .get(id)
                    .ok_or_else(|| TcError::not_found("softwareset", id))?;
                ok(200, json!({ "softwareSet": self.software_set_detail(set) }))
            }
            Op::UpdateDevice => self.update_device(request, now, transition),
            Op::DeregisterDevice => self.deregister_device(request, now, transition),
            Op::DeleteDevice => {
                let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?;
                let device = self
                    .devices
                    .get(id)
                    .ok_or_else(|| TcError::not_found("device", id))?;
                if matches!(
                    device.status,
                    DeviceStatus::Registered | DeviceStatus::Deregistering
                ) {
                    return Err(TcError::conflict(
                        "device",
                        id,
                        format!(
                            "Device {id} is {}; deregister it before deleting it.",
                            device.status
                        ),
                    ));
                }
                self.remove_device(id);
                no_content()
            }
            Op::CreateEnvironment => self.create_environment(request, now),
            Op::UpdateEnvironment => self.update_environment(request, now),
            Op::DeleteEnvironment => {
                let id = label_id(request, validate::is_environment_id, ENVIRONMENT_ID_PATTERN)?;
                if !self.environments.contains_key(id) {
                    return Err(TcError::not_found("environment", id));
                }
                let counts = self.counts(id);
                if counts.registered + counts.deregistering > 0 {
                    return Err(TcError::conflict(
                        "environment",
                        id,
                        format!(
                            "Environment {id} still has {} registered device(s); deregister them before deleting it.",
                            counts.registered + counts.deregistering
                        ),
                    ));
                }
                self.environments.remove(id);
                no_content()
            }
            Op::UpdateSoftwareSet => {
                let id = label_id(
                    request,
                    validate::is_software_set_id,
                    SOFTWARE_SET_ID_PATTERN,
                )?;
                let body = Body::parse(request.body)?;
                let status = body.string("validationStatus")?;
                let mut checks = Checks::default();
                match &status {
                    Some(status) => {
                        checks.one_of("validationStatus", status, validate::VALIDATION_STATUSES)
                    }
                    None => checks.required("validationStatus"),
                }
                checks.finish()?;
                let set = self
                    .software_sets
                    .get_mut(id)
                    .ok_or_else(|| TcError::not_found("softwareset", id))?;
                if let Some(status) = status {
                    set.validation_status = status;
                }
                no_content()
            }
            Op::ListTagsForResource => {
                let tags = self.tags_of(request)?.clone();
                ok(200, json!({ "tags": tags }))
            }
            Op::TagResource => {
                let body = Body::parse(request.body)?;
                let mut checks = Checks::default();
                let new_tags = body.string_map("tags")?;
                match &new_tags {
                    Some(tags) => checks.tags("tags", tags),
                    None => checks.required("tags"),
                }
                checks.finish()?;
                let tags = self.tags_of(request)?;
                let mut merged = tags.clone();
                merged.extend(new_tags.unwrap_or_default());
                if merged.len() > 50 {
                    return Err(TcError::field(
                        "tags",
                        "A resource can have at most 50 tags.".to_string(),
                    ));
                }
                *tags = merged;
                ok(200, json!({}))
            }
            Op::UntagResource => {
                let keys: Vec<String> = request
                    .query
                    .iter()
                    .filter(|(key, _)| key == "tagKeys")
                    .map(|(_, value)| value.clone())
                    .collect();
                if keys.is_empty() {
                    let mut checks = Checks::default();
                    checks.required("tagKeys");
                    checks.finish()?;
                }
                let tags = self.tags_of(request)?;
                for key in keys {
                    tags.remove(&key);
                }
                ok(200, json!({}))
            }
        }
    }

    fn update_device(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
        transition: chrono::Duration,
    ) -> Result<Reply, TcError> {
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?.to_string();
        let body = Body::parse(request.body)?;
        let name = body.string("name")?;
        let desired = body.string("desiredSoftwareSetId")?;
        let schedule = body.string("softwareSetUpdateSchedule")?;
        let mut checks = Checks::default();
        if let Some(name) = &name {
            checks.pattern(
                "name",
                name,
                validate::is_device_name(name),
                DEVICE_NAME_PATTERN,
            );
        }
        if let Some(desired) = &desired {
            checks.pattern(
                "desiredSoftwareSetId",
                desired,
                validate::is_software_set_id(desired),
                SOFTWARE_SET_ID_PATTERN,
            );
        }
        optional_enum(
            &mut checks,
            "softwareSetUpdateSchedule",
            &schedule,
            UpdateSchedule::ALL,
        );
        checks.finish()?;
        if !self.devices.contains_key(&id) {
            return Err(TcError::not_found("device", &id));
        }
        if let Some(desired) = &desired
            && !self.software_sets.contains_key(desired)
        {
            return Err(TcError::not_found("softwareset", desired));
        }
        self.modify_device(&id, |device| {
            if let Some(name) = name {
                device.name = (!name.is_empty()).then_some(name);
            }
            if let Some(schedule) = schedule {
                device.software_set_update_schedule =
                    UpdateSchedule::parse(&schedule).unwrap_or(device.software_set_update_schedule);
            }
            if let Some(desired) = desired {
                if device.current_software_set_id.as_deref() == Some(desired.as_str()) {
                    device.pending_software_set_id = None;
                    device.software_set_update_status = UpdateStatus::UpToDate;
                } else {
                    device.pending_software_set_id = Some(desired.clone());
                    device.software_set_update_status = UpdateStatus::Available;
                }
                device.desired_software_set_id = Some(desired);
            }
            let installs_now = device.software_set_update_schedule
                == UpdateSchedule::ApplyImmediately
                && device.pending_software_set_id.is_some()
                && device.status == DeviceStatus::Registered
                && device.transition.is_none();
            if installs_now {
                device.software_set_update_status = UpdateStatus::InProgress;
                device.transition = Some(Transition {
                    due: now + transition,
                    kind: TransitionKind::InstallPendingSoftware,
                });
            }
            device.updated_at = now;
        });
        let device = &self.devices[&id];
        ok(200, json!({ "device": self.device_summary(device) }))
    }

    fn deregister_device(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
        transition: chrono::Duration,
    ) -> Result<Reply, TcError> {
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?.to_string();
        let body = Body::parse(request.body)?;
        let target = body.string("targetDeviceStatus")?;
        let mut checks = Checks::default();
        optional_enum(
            &mut checks,
            "targetDeviceStatus",
            &target,
            validate::TARGET_DEVICE_STATUSES,
        );
        checks.finish()?;
        let target = target
            .as_deref()
            .and_then(DeviceStatus::parse)
            .unwrap_or(DeviceStatus::Deregistered);
        let device = self
            .devices
            .get(&id)
            .ok_or_else(|| TcError::not_found("device", &id))?;
        match (device.status, target) {
            (DeviceStatus::Registered, _) => self.modify_device(&id, |device| {
                device.status = DeviceStatus::Deregistering;
                device.transition = Some(Transition {
                    due: now + transition,
                    kind: TransitionKind::Status { to: target },
                });
                device.updated_at = now;
            }),
            (DeviceStatus::Deregistered, DeviceStatus::Archived) => {
                self.modify_device(&id, |device| {
                    device.status = DeviceStatus::Archived;
                    device.updated_at = now;
                })
            }
            (status, _) => {
                return Err(TcError::conflict(
                    "device",
                    &id,
                    format!("Device {id} is {status} and cannot be moved to {target}."),
                ));
            }
        }
        ok(202, json!({}))
    }

    fn create_environment(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
    ) -> Result<Reply, TcError> {
        let body = Body::parse(request.body)?;
        let mut checks = Checks::default();
        let input = EnvironmentInput::read(&body, &mut checks, false)?;
        let kms_key_arn = body.string("kmsKeyArn")?;
        let tags = body.string_map("tags")?;
        if input.desktop_arn.is_none() {
            checks.required("desktopArn");
        }
        if let Some(kms) = &kms_key_arn {
            checks.length("kmsKeyArn", kms, 20, 2048);
            checks.pattern(
                "kmsKeyArn",
                kms,
                validate::is_kms_key_arn(kms),
                KMS_KEY_ARN_PATTERN,
            );
        }
        if let Some(tags) = &tags {
            checks.tags("tags", tags);
        }
        let mode = input
            .mode
            .clone()
            .unwrap_or_else(|| "USE_LATEST".to_string());
        if mode == "USE_DESIRED" && input.desired.is_none() {
            checks.fail(
                "desiredSoftwareSetId",
                "desiredSoftwareSetId is required when softwareSetUpdateMode is USE_DESIRED"
                    .to_string(),
            );
        }
        checks.finish()?;
        if let Some(desired) = &input.desired
            && !self.software_sets.contains_key(desired)
        {
            return Err(TcError::not_found("softwareset", desired));
        }
        if self.environments.len() >= ENVIRONMENT_QUOTA {
            return Err(TcError::ServiceQuotaExceeded {
                message: format!(
                    "The account already has the maximum of {ENVIRONMENT_QUOTA} environments."
                ),
                resource_id: String::new(),
                resource_type: "environment",
            });
        }
        let desktop_arn = input.desktop_arn.unwrap_or_default();
        let id = loop {
            let candidate = self.rng.lower_alnum(9);
            if !self.environments.contains_key(&candidate) {
                break candidate;
            }
        };
        let environment = Environment {
            id: id.clone(),
            name: input.name.filter(|name| !name.is_empty()),
            desktop_type: desktop_type(&desktop_arn)
                .unwrap_or("workspaces")
                .to_string(),
            desktop_arn,
            desktop_endpoint: input.desktop_endpoint,
            activation_code: format!("{}{}", self.rng.lower_alpha(2), self.rng.lower_alnum(6)),
            software_set_update_schedule: input
                .schedule
                .unwrap_or_else(|| "USE_MAINTENANCE_WINDOW".to_string()),
            maintenance_window: input.window.unwrap_or_else(MaintenanceWindow::system),
            software_set_update_mode: mode,
            desired_software_set_id: input.desired,
            pending_software_set_id: None,
            software_set_compliance_status: "COMPLIANT".to_string(),
            created_at: now,
            updated_at: now,
            kms_key_arn,
            device_creation_tags: input.device_creation_tags.unwrap_or_default(),
            tags: tags.unwrap_or_default(),
        };
        let summary = self.environment_summary(&environment);
        self.environments.insert(id, environment);
        ok(201, json!({ "environment": summary }))
    }

    fn update_environment(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
    ) -> Result<Reply, TcError> {
        let id =
            label_id(request, validate::is_environment_id, ENVIRONMENT_ID_PATTERN)?.to_string();
        let body = Body::parse(request.body)?;
        let mut checks = Checks::default();
        let input = EnvironmentInput::read(&body, &mut checks, true)?;
        checks.finish()?;
        let Some(current) = self.environments.get(&id) else {
            return Err(TcError::not_found("environment", &id));
        };
        let desired = match input.desired {
            Some(desired) if desired.is_empty() => None,
            Some(desired) => {
                if !self.software_sets.contains_key(&desired) {
                    return Err(TcError::not_found("softwareset", &desired));
                }
                Some(desired)
            }
            None => current.desired_software_set_id.clone(),
        };
        let mode = input
            .mode
            .unwrap_or_else(|| current.software_set_update_mode.clone());
        if mode == "USE_DESIRED" && desired.is_none() {
            return Err(TcError::field(
                "desiredSoftwareSetId",
                "desiredSoftwareSetId is required when softwareSetUpdateMode is USE_DESIRED"
                    .to_string(),
            ));
        }
        let mut updated = current.clone();
        if let Some(name) = input.name {
            updated.name = (!name.is_empty()).then_some(name);
        }
        if let Some(arn) = input.desktop_arn {
            updated.desktop_type = desktop_type(&arn).unwrap_or("workspaces").to_string();
            updated.desktop_arn = arn;
        }
        if let Some(endpoint) = input.desktop_endpoint {
            updated.desktop_endpoint = Some(endpoint);
        }
        if let Some(schedule) = input.schedule {
            updated.software_set_update_schedule = schedule;
        }
        if let Some(window) = input.window {
            updated.maintenance_window = window;
        }
        if let Some(tags) = input.device_creation_tags {
            updated.device_creation_tags = tags;
        }
        updated.pending_software_set_id = match (&mode[..], &desired) {
            ("USE_DESIRED", Some(desired)) => Some(desired.clone()),
            _ => updated.pending_software_set_id,
        };
        updated.software_set_update_mode = mode;
        updated.desired_software_set_id = desired;
        updated.updated_at = now;
        let summary = self.environment_summary(&updated);
        self.environments.insert(id, updated);
        ok(200, json!({ "environment": summary }))
    }

    /// The tags of the resource the request's ARN names.
    fn tags_of(&mut self, request: &Request) -> Result<&mut BTreeMap<String, String>, TcError> {
        let arn = request.route.label.as_deref().unwrap_or_default();
        let mut checks = Checks::default();
        checks.pattern("resourceArn", arn, validate::is_arn(arn), ARN_PATTERN);
        checks.finish()?;
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let [_, _, service, region, account, resource] = parts.as_slice() else {
            return Err(TcError::not_found("resource", arn));
        };
        if *account != self.account {
            return Err(TcError::AccessDenied {
                message: format!(
                    "User is not authorized to access resources in account {account}."
                ),
            });
        }
        if *service != "thinclient" || *region != self.region {
            return Err(TcError::not_found("resource", arn));
        }
        let (kind, id) = resource.split_once('/').unwrap_or((resource, ""));
        let tags = match kind {
            k if k == ResourceKind::Device.arn_type() => {
                self.devices.get_mut(id).map(|device| &mut device.tags)
            }
            k if k == ResourceKind::Environment.arn_type() => self
                .environments
                .get_mut(id)
                .map(|environment| &mut environment.tags),
            k if k == ResourceKind::SoftwareSet.arn_type() => {
                self.software_sets.get_mut(id).map(|set| &mut set.tags)
            }
            _ => None,
        };
        tags.ok_or_else(|| TcError::not_found("resource", arn))
    }
}

fn with_token(mut body: Value, next_token: Option<String>) -> Value {
    if let Some(token) = next_token {
        body["nextToken"] = json!(token);
    }
    body
}

/// A path no operation answers.
pub fn unknown_operation(method: &str, path: &str) -> TcError {
    TcError::validation(
        super::error::REASON_UNKNOWN_OPERATION,
        format!("No operation matches {method} {path}"),
    )
}
