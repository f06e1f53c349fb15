//! The Thin Client resources as the sandbox keeps them, and their wire form.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::rng::SeededRng;

pub const ACCOUNT_ID: &str = "123456789012";

/// Declares a wire enum kept as a `Copy` value: a 100,000-device fleet would
/// otherwise hold hundreds of thousands of small strings.
macro_rules! wire_enum {
    ($name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        // Not every enum needs every helper.
        #[allow(dead_code)]
        impl $name {
            pub const ALL: &[&str] = &[$($wire),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(DeviceStatus {
    Registered = "REGISTERED",
    Deregistering = "DEREGISTERING",
    Deregistered = "DEREGISTERED",
    Archived = "ARCHIVED",
});

wire_enum!(UpdateSchedule {
    UseMaintenanceWindow = "USE_MAINTENANCE_WINDOW",
    ApplyImmediately = "APPLY_IMMEDIATELY",
});

wire_enum!(UpdateStatus {
    Available = "AVAILABLE",
    InProgress = "IN_PROGRESS",
    UpToDate = "UP_TO_DATE",
});

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: String,
    pub serial_number: String,
    pub name: Option<String>,
    pub model: String,
    pub environment_id: Option<String>,
    pub status: DeviceStatus,
    pub current_software_set_id: Option<String>,
    pub desired_software_set_id: Option<String>,
    pub pending_software_set_id: Option<String>,
    pub software_set_update_schedule: UpdateSchedule,
    pub software_set_update_status: UpdateStatus,
    // Devices keep their times as epoch milliseconds in the state file: a
    // 100,000-device file then saves and loads several times faster.
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub last_connected_at: Option<DateTime<Utc>>,
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub last_posture_at: Option<DateTime<Utc>>,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    pub kms_key_arn: Option<String>,
    pub last_user_id: Option<String>,
    pub tags: BTreeMap<String, String>,
    /// A change the service has accepted but not yet finished (applied lazily).
    pub transition: Option<Transition>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    pub due: DateTime<Utc>,
    pub kind: TransitionKind,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum TransitionKind {
    /// DEREGISTERING ends in `to` (DEREGISTERED or ARCHIVED).
    Status { to: DeviceStatus },
    /// The pending software set finishes installing.
    InstallPendingSoftware,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindow {
    #[serde(rename = "type")]
    pub window_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_hour: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time_minute: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time_hour: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time_minute: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_of_the_week: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_time_of: Option<String>,
}

impl MaintenanceWindow {
    pub fn system() -> Self {
        MaintenanceWindow {
            window_type: "SYSTEM".to_string(),
            start_time_hour: None,
            start_time_minute: None,
            end_time_hour: None,
            end_time_minute: None,
            days_of_the_week: None,
            apply_time_of: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Environment {
    pub id: String,
    pub name: Option<String>,
    pub desktop_arn: String,
    pub desktop_endpoint: Option<String>,
    pub desktop_type: String,
    pub activation_code: String,
    pub software_set_update_schedule: String,
    pub maintenance_window: MaintenanceWindow,
    pub software_set_update_mode: String,
    pub desired_software_set_id: Option<String>,
    pub pending_software_set_id: Option<String>,
    /// What the environment reports while it has registered devices.
    pub software_set_compliance_status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub kms_key_arn: Option<String>,
    pub device_creation_tags: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Software {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SoftwareSet {
    pub id: String,
    pub version: String,
    pub released_at: DateTime<Utc>,
    pub supported_until: DateTime<Utc>,
    pub validation_status: String,
    pub software: Vec<Software>,
    pub tags: BTreeMap<String, String>,
}

/// The reply an idempotent request gave, kept to answer its retries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IdempotentReply {
    pub fingerprint: String,
    pub status: u16,
    pub body: Option<Value>,
}

/// Counts of an environment's devices by status, kept so GetEnvironment and
/// DeleteEnvironment do not scan a 100,000-device fleet.
#[derive(Debug, Clone, Default)]
pub struct StatusCounts {
    pub registered: usize,
    pub deregistering: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub due: BTreeSet<(DateTime<Utc>, String)>,
    pub counts: HashMap<String, StatusCounts>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThinClientState {
    pub region: String,
    pub account: String,
    pub devices: BTreeMap<String, Device>,
    pub environments: BTreeMap<String, Environment>,
    pub software_sets: BTreeMap<String, SoftwareSet>,
    pub idempotency: HashMap<String, IdempotentReply>,
    /// Draws the ids of resources created through the API.
    pub rng: SeededRng,
    #[serde(skip)]
    pub index: Index,
}

pub enum ResourceKind {
    Device,
    Environment,
    SoftwareSet,
}

impl ResourceKind {
    pub fn arn_type(&self) -> &'static str {
        match self {
            ResourceKind::Device => "device",
            ResourceKind::Environment => "environment",
            ResourceKind::SoftwareSet => "softwareset",
        }
    }
}

pub fn timestamp(at: &DateTime<Utc>) -> Value {
    json!(at.timestamp_millis() as f64 / 1000.0)
}

fn put_string(map: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        map.insert(key.to_string(), Value::String(value.clone()));
    }
}

fn put_time(map: &mut Map<String, Value>, key: &str, value: &Option<DateTime<Utc>>) {
    if let Some(value) = value {
        map.insert(key.to_string(), timestamp(value));
    }
}

impl ThinClientState {
    pub fn arn(&self, kind: ResourceKind, id: &str) -> String {
        format!(
            "arn:aws:thinclient:{}:{}:{}/{}",
            self.region,
            self.account,
            kind.arn_type(),
            id
        )
    }

    /// Rebuilds what is derived from the devices (after seeding or loading).
    pub fn reindex(&mut self) {
        let mut index = Index::default();
        for device in self.devices.values() {
            if let Some(transition) = &device.transition {
                index.due.insert((transition.due, device.id.clone()));
            }
            count_device(&mut index.counts, device, 1);
        }
        self.index = index;
    }

    pub fn counts(&self, environment_id: &str) -> StatusCounts {
        self.index
            .counts
            .get(environment_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Changes a device through `change`, keeping the indexes right.
    pub fn modify_device(&mut self, id: &str, change: impl FnOnce(&mut Device)) {
        let Some(device) = self.devices.get_mut(id) else {
            return;
        };
        count_device(&mut self.index.counts, device, -1);
        if let Some(transition) = &device.transition {
            self.index.due.remove(&(transition.due, id.to_string()));
        }
        change(device);
        count_device(&mut self.index.counts, device, 1);
        if let Some(transition) = &device.transition {
            self.index.due.insert((transition.due, id.to_string()));
        }
    }

    pub fn remove_device(&mut self, id: &str) -> Option<Device> {
        let device = self.devices.remove(id)?;
        count_device(&mut self.index.counts, &device, -1);
        if let Some(transition) = &device.transition {
            self.index.due.remove(&(transition.due, id.to_string()));
        }
        Some(device)
    }

    /// Finishes every transition due by `now`.
    pub fn apply_due(&mut self, now: DateTime<Utc>) {
        while let Some((due, id)) = self.index.due.first().cloned() {
            if due > now {
                break;
            }
            self.index.due.pop_first();
            let software_sets = &self.software_sets;
            let Some(device) = self.devices.get_mut(&id) else {
                continue;
            };
            count_device(&mut self.index.counts, device, -1);
            if let Some(transition) = device.transition.take() {
                match transition.kind {
                    TransitionKind::Status { to } => device.status = to,
                    TransitionKind::InstallPendingSoftware => {
                        if let Some(pending) = device.pending_software_set_id.take() {
                            device.current_software_set_id = Some(pending);
                        }
                        device.software_set_update_status =
                            update_status_after_install(device, software_sets);
                    }
                }
                device.updated_at = transition.due;
            }
            count_device(&mut self.index.counts, device, 1);
        }
    }

    fn software_version(&self, id: &Option<String>) -> Option<String> {
        id.as_ref()
            .and_then(|id| self.software_sets.get(id))
            .map(|set| set.version.clone())
    }

    pub fn device_compliance(&self, device: &Device, now: DateTime<Utc>) -> &'static str {
        match device
            .current_software_set_id
            .as_ref()
            .and_then(|id| self.software_sets.get(id))
        {
            None => "NONE",
            Some(set) if set.supported_until > now => "COMPLIANT",
            Some(_) => "NOT_COMPLIANT",
        }
    }

    pub fn device_summary(&self, device: &Device) -> Value {
        let mut map = Map::new();
        map.insert("id".into(), json!(device.id));
        map.insert("serialNumber".into(), json!(device.serial_number));
        put_string(&mut map, "name", &device.name);
        map.insert("model".into(), json!(device.model));
        put_string(&mut map, "environmentId", &device.environment_id);
        map.insert("status".into(), json!(device.status.as_str()));
        put_string(
            &mut map,
            "currentSoftwareSetId",
            &device.current_software_set_id,
        );
        put_string(
            &mut map,
            "desiredSoftwareSetId",
            &device.desired_software_set_id,
        );
        put_string(
            &mut map,
            "pendingSoftwareSetId",
            &device.pending_software_set_id,
        );
        map.insert(
            "softwareSetUpdateSchedule".into(),
            json!(device.software_set_update_schedule.as_str()),
        );
        put_time(&mut map, "lastConnectedAt", &device.last_connected_at);
        put_time(&mut map, "lastPostureAt", &device.last_posture_at);
        map.insert("createdAt".into(), timestamp(&device.created_at));
        map.insert("updatedAt".into(), timestamp(&device.updated_at));
        map.insert(
            "arn".into(),
            json!(self.arn(ResourceKind::Device, &device.id)),
        );
        put_string(&mut map, "lastUserId", &device.last_user_id);
        Value::Object(map)
    }

    pub fn device_detail(&self, device: &Device, now: DateTime<Utc>) -> Value {
        let mut value = self.device_summary(device);
        if let Value::Object(map) = &mut value {
            put_string(
                map,
                "currentSoftwareSetVersion",
                &self.software_version(&device.current_software_set_id),
            );
            put_string(
                map,
                "pendingSoftwareSetVersion",
                &self.software_version(&device.pending_software_set_id),
            );
            map.insert(
                "softwareSetComplianceStatus".into(),
                json!(self.device_compliance(device, now)),
            );
            map.insert(
                "softwareSetUpdateStatus".into(),
                json!(device.software_set_update_status.as_str()),
            );
            put_string(map, "kmsKeyArn", &device.kms_key_arn);
        }
        value
    }

    pub fn environment_summary(&self, environment: &Environment) -> Value {
        let mut map = Map::new();
        map.insert("id".into(), json!(environment.id));
        put_string(&mut map, "name", &environment.name);
        map.insert("desktopArn".into(), json!(environment.desktop_arn));
        put_string(&mut map, "desktopEndpoint", &environment.desktop_endpoint);
        map.insert("desktopType".into(), json!(environment.desktop_type));
        map.insert("activationCode".into(), json!(environment.activation_code));
        map.insert(
            "softwareSetUpdateSchedule".into(),
            json!(environment.software_set_update_schedule),
        );
        map.insert(
            "maintenanceWindow".into(),
            serde_json::to_value(&environment.maintenance_window).unwrap_or(Value::Null),
        );
        map.insert(
            "softwareSetUpdateMode".into(),
            json!(environment.software_set_update_mode),
        );
        put_string(
            &mut map,
            "desiredSoftwareSetId",
            &environment.desired_software_set_id,
        );
        put_string(
            &mut map,
            "pendingSoftwareSetId",
            &environment.pending_software_set_id,
        );
        map.insert("createdAt".into(), timestamp(&environment.created_at));
        map.insert("updatedAt".into(), timestamp(&environment.updated_at));
        map.insert(
            "arn".into(),
            json!(self.arn(ResourceKind::Environment, &environment.id)),
        );
        Value::Object(map)
    }

    pub fn environment_detail(&self, environment: &Environment) -> Value {
        let mut value = self.environment_summary(environment);
        let registered = self.counts(&environment.id).registered;
        if let Value::Object(map) = &mut value {
            map.insert("registeredDevicesCount".into(), json!(registered));
            put_string(
                map,
                "pendingSoftwareSetVersion",
                &self.software_version(&environment.pending_software_set_id),
            );
            let compliance = if registered == 0 {
                "NO_REGISTERED_DEVICES"
            } else {
                environment.software_set_compliance_status.as_str()
            };
            map.insert("softwareSetComplianceStatus".into(), json!(compliance));
            put_string(map, "kmsKeyArn", &environment.kms_key_arn);
            if !environment.device_creation_tags.is_empty() {
                map.insert(
                    "deviceCreationTags".into(),
                    json!(environment.device_creation_tags),
                );
            }
        }
        value
    }

    pub fn software_set_summary(&self, set: &SoftwareSet) -> Value {
        json!({
            "id": set.id,
            "version": set.version,
            "releasedAt": timestamp(&set.released_at),
            "supportedUntil": timestamp(&set.supported_until),
            "validationStatus": set.validation_status,
            "arn": self.arn(ResourceKind::SoftwareSet, &set.id),
        })
    }

    pub fn software_set_detail(&self, set: &SoftwareSet) -> Value {
        let mut value = self.software_set_summary(set);
        value["software"] = json!(set.software);
        value
    }
}

fn count_device(counts: &mut HashMap<String, StatusCounts>, device: &Device, delta: isize) {
    let Some(environment_id) = &device.environment_id else {
        return;
    };
    let entry = counts.entry(environment_id.clone()).or_default();
    let slot = match device.status {
        DeviceStatus::Registered => &mut entry.registered,
        DeviceStatus::Deregistering => &mut entry.deregistering,
        _ => return,
    };
    *slot = slot.saturating_add_signed(delta);
}

/// UP_TO_DATE when the installed set is the newest one, else AVAILABLE.
pub fn update_status_after_install(
    device: &Device,
    software_sets: &BTreeMap<String, SoftwareSet>,
) -> UpdateStatus {
    let newest = software_sets
        .values()
        .max_by_key(|set| set.released_at)
        .map(|set| set.id.as_str());
    let target = device.desired_software_set_id.as_deref().or(newest);
    if device.current_software_set_id.as_deref() == target {
        UpdateStatus::UpToDate
    } else {
        UpdateStatus::Available
    }
}
