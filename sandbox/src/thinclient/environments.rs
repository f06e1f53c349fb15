//! Environments: the desktop service devices connect to, with their
//! software and maintenance settings.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::call::{
    ARN_PATTERN, Answer, SOFTWARE_SET_ID_PATTERN, label_id, no_content, ok, optional_enum,
    with_token,
};
use super::error::TcError;
use super::model::{Environment, MaintenanceWindow, ThinClientState, UpdateSchedule};
use super::paging::page;
use super::validate::{self, Body, Checks};
use super::{Clock, Request};

/// The most environments an account may hold (a ServiceQuotaExceededException beyond).
pub const ENVIRONMENT_QUOTA: usize = 100;

const ENVIRONMENT_ID_PATTERN: &str = "^[a-z0-9]{9}$";
const KMS_KEY_ARN_PATTERN: &str =
    r"^arn:[\w+=\/,.@-]+:kms:[a-zA-Z0-9\-]*:[0-9]{0,12}:key\/[a-zA-Z0-9-]+$";
const DESKTOP_ENDPOINT_PATTERN: &str =
    r"^(https:\/\/)[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,32}(:[0-9]{1,5})?(\/.*)?$";
const ENVIRONMENT_NAME_PATTERN: &str =
    r#"^$|^[0-9\p{IsAlphabetic}+:,.@'" -][0-9\p{IsAlphabetic}+=:,.@'" -]*$"#;

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
    pub(super) fn list_environments(&self, request: &Request, clock: Clock) -> Answer {
        let page = page(&self.environments, "environments", request.query, clock.now)?;
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

    pub(super) fn get_environment(&self, request: &Request, _: Clock) -> Answer {
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

    pub(super) fn create_environment(&mut self, request: &Request, clock: Clock) -> Answer {
        let now = clock.now;
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

    pub(super) fn update_environment(&mut self, request: &Request, clock: Clock) -> Answer {
        let now = clock.now;
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

    pub(super) fn delete_environment(&mut self, request: &Request, _: Clock) -> Answer {
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
}
