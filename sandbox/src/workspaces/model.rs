//! The resources the sandbox holds. Each wire struct serializes to exactly the
//! JSON the WorkSpaces API answers with (PascalCase members, timestamps as
//! epoch seconds); the records around them add what the sandbox needs to
//! remember but never shows.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const OPERATING_SYSTEM_NAMES: &[&str] = &[
    "AMAZON_LINUX_2",
    "UBUNTU_18_04",
    "UBUNTU_20_04",
    "UBUNTU_22_04",
    "UNKNOWN",
    "WINDOWS_10",
    "WINDOWS_11",
    "WINDOWS_7",
    "WINDOWS_SERVER_2016",
    "WINDOWS_SERVER_2019",
    "WINDOWS_SERVER_2022",
    "WINDOWS_SERVER_2025",
    "RHEL_8",
    "ROCKY_8",
];

pub const COMPUTE_TYPES: &[&str] = &[
    "VALUE",
    "STANDARD",
    "PERFORMANCE",
    "POWER",
    "GRAPHICS",
    "POWERPRO",
    "GENERALPURPOSE_4XLARGE",
    "GENERALPURPOSE_8XLARGE",
    "GRAPHICSPRO",
    "GRAPHICS_G4DN",
    "GRAPHICSPRO_G4DN",
    "GRAPHICS_G6_XLARGE",
    "GRAPHICS_G6_2XLARGE",
    "GRAPHICS_G6_4XLARGE",
    "GRAPHICS_G6_8XLARGE",
    "GRAPHICS_G6_16XLARGE",
    "GRAPHICS_GR6_4XLARGE",
    "GRAPHICS_GR6_8XLARGE",
    "GRAPHICS_G6F_LARGE",
    "GRAPHICS_G6F_XLARGE",
    "GRAPHICS_G6F_2XLARGE",
    "GRAPHICS_G6F_4XLARGE",
    "GRAPHICS_GR6F_4XLARGE",
    "GRAPHICS_G7_2XLARGE",
    "GRAPHICS_G7_4XLARGE",
    "GRAPHICS_G7_8XLARGE",
    "GRAPHICS_G7_12XLARGE",
];

pub const RUNNING_MODES: &[&str] = &["AUTO_STOP", "ALWAYS_ON", "MANUAL"];
pub const PROTOCOLS: &[&str] = &["PCOIP", "WSP"];
pub const DATA_REPLICATION: &[&str] = &["NO_REPLICATION", "PRIMARY_AS_SOURCE"];
pub const LICENSE_TYPES: &[&str] = &["LICENSED", "UNLICENSED"];
pub const IMAGE_TYPES: &[&str] = &["OWNED", "SHARED"];
pub const APPLICATION_ASSOCIATED_RESOURCE_TYPES: &[&str] = &["WORKSPACE", "BUNDLE", "IMAGE"];
/// What bundles, images and WorkSpaces can be associated with.
pub const APPLICATION_RESOURCE_TYPE: &[&str] = &["APPLICATION"];

/// The operating system family of an `OperatingSystemName`, as
/// `OperatingSystem.Type` names it.
pub fn os_family(operating_system_name: &str) -> &'static str {
    if operating_system_name.starts_with("WINDOWS") {
        "WINDOWS"
    } else {
        "LINUX"
    }
}

/// Timestamps as awsJson1.1 writes them: epoch seconds as a JSON number,
/// with millisecond precision.
pub mod epoch_seconds {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(
        time: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(time.timestamp_millis() as f64 / 1000.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        DateTime::from_timestamp_millis((seconds * 1000.0).round() as i64)
            .ok_or_else(|| D::Error::custom(format!("timestamp {seconds} out of range")))
    }
}

/// [`epoch_seconds`] for a timestamp that may be absent.
pub mod optional_epoch_seconds {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::epoch_seconds::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::epoch_seconds")] DateTime<Utc>);
        Option::<Wrapped>::deserialize(deserializer)
            .map(|wrapped| wrapped.map(|Wrapped(time)| time))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WorkspaceProperties {
    pub running_mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_mode_auto_stop_timeout_in_minutes: Option<i64>,
    pub root_volume_size_gib: i64,
    pub user_volume_size_gib: i64,
    pub compute_type_name: String,
    pub protocols: Vec<String>,
    pub operating_system_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModificationState {
    pub resource: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RelatedWorkspace {
    pub workspace_id: String,
    pub region: String,
    pub state: String,
    #[serde(rename = "Type")]
    pub relationship: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DataReplicationSettings {
    pub data_replication: String,
    #[serde(with = "epoch_seconds")]
    pub recovery_snapshot_time: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StandbyWorkspaceProperties {
    pub standby_workspace_id: String,
    pub data_replication: String,
    #[serde(with = "epoch_seconds")]
    pub recovery_snapshot_time: DateTime<Utc>,
}

/// A WorkSpace as DescribeWorkspaces shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Workspace {
    pub workspace_id: String,
    pub directory_id: String,
    pub user_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    pub state: String,
    pub bundle_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_encryption_key: Option<String>,
    pub user_volume_encryption_enabled: bool,
    pub root_volume_encryption_enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_name: Option<String>,
    pub workspace_properties: WorkspaceProperties,
    #[serde(default)]
    pub modification_states: Vec<ModificationState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_workspaces: Option<Vec<RelatedWorkspace>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_replication_settings: Option<DataReplicationSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standby_workspaces_properties: Option<Vec<StandbyWorkspaceProperties>>,
}

/// A state change the sandbox will make once `at` has passed; `state: None`
/// means the resource is gone (a terminated WorkSpace, an uninstalled
/// application).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledState {
    #[serde(with = "epoch_seconds")]
    pub at: DateTime<Utc>,
    pub state: Option<String>,
}

/// State changes that happen on their own, in time order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schedule(Vec<ScheduledState>);

impl Schedule {
    pub fn new(steps: Vec<ScheduledState>) -> Self {
        Self(steps)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// When the next change is due.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.0.first().map(|step| step.at)
    }

    /// The earliest change due at `now`, removed from the schedule.
    pub fn pop_due(&mut self, now: DateTime<Utc>) -> Option<ScheduledState> {
        match self.0.first() {
            Some(step) if step.at <= now => Some(self.0.remove(0)),
            _ => None,
        }
    }
}

/// What a state change that ran out its schedule leaves behind.
pub enum Advanced {
    Unchanged,
    Changed,
    Gone,
}

/// Applies every change of `schedule` due at `now` through `set_state`.
pub fn advance_schedule(
    schedule: &mut Schedule,
    now: DateTime<Utc>,
    mut set_state: impl FnMut(String, DateTime<Utc>),
) -> Advanced {
    let mut outcome = Advanced::Unchanged;
    while let Some(step) = schedule.pop_due(now) {
        match step.state {
            Some(state) => {
                set_state(state, step.at);
                outcome = Advanced::Changed;
            }
            None => return Advanced::Gone,
        }
    }
    outcome
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceRecord {
    pub workspace: Workspace,
    #[serde(default, skip_serializing_if = "Schedule::is_empty")]
    pub schedule: Schedule,
    /// When the volume/compute changes in `ModificationStates` finish.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "optional_epoch_seconds"
    )]
    pub modifications_done_at: Option<DateTime<Utc>>,
    /// When a user last connected (DescribeWorkspacesConnectionStatus);
    /// `None`: never.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "optional_epoch_seconds"
    )]
    pub last_user_connection: Option<DateTime<Utc>>,
    /// When snapshots of its volumes were taken, oldest first
    /// (DescribeWorkspaceSnapshots).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<SnapshotTime>,
}

/// The time of one snapshot of a WorkSpace's volumes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SnapshotTime(#[serde(with = "epoch_seconds")] pub DateTime<Utc>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreationProperties {
    pub enable_internet_access: bool,
    pub default_ou: String,
    pub custom_security_group_id: String,
    pub user_enabled_as_local_administrator: bool,
    pub enable_maintenance_mode: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_iam_role_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SelfservicePermissions {
    pub restart_workspace: String,
    pub increase_volume_size: String,
    pub change_compute_type: String,
    pub switch_running_mode: String,
    pub rebuild_workspace: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessProperties {
    pub device_type_windows: String,
    pub device_type_osx: String,
    pub device_type_web: String,
    pub device_type_ios: String,
    pub device_type_android: String,
    pub device_type_chrome_os: String,
    pub device_type_zero_client: String,
    pub device_type_linux: String,
    pub device_type_work_spaces_thin_client: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_endpoint_config: Option<super::directory_settings::AccessEndpointConfig>,
}

/// A directory registered with WorkSpaces, as DescribeWorkspaceDirectories shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Directory {
    pub directory_id: String,
    pub alias: String,
    pub directory_name: String,
    pub registration_code: String,
    pub subnet_ids: Vec<String>,
    pub dns_ip_addresses: Vec<String>,
    pub customer_user_name: String,
    pub iam_role_id: String,
    pub directory_type: String,
    pub workspace_security_group_id: String,
    pub state: String,
    pub workspace_creation_properties: CreationProperties,
    #[serde(rename = "ipGroupIds")]
    pub ip_group_ids: Vec<String>,
    pub workspace_access_properties: AccessProperties,
    pub tenancy: String,
    pub selfservice_permissions: SelfservicePermissions,
    /// Set on the `wsd-` directories of WorkSpaces Pools and Identity Center.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_directory_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_identity_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_type: Option<String>,
    /// SAML, certificate-based authentication, streaming, encryption and
    /// the identity configuration of a `wsd-` directory.
    #[serde(flatten)]
    pub settings: super::directory_settings::DirectorySettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Storage {
    pub capacity: String,
}

impl Storage {
    /// The capacity in GiB. The API carries it as a string; the sandbox only
    /// ever writes numbers there, and a hand-edited state file with anything
    /// else reads as 0, which the volume-size rules then reject.
    pub fn gib(&self) -> i64 {
        self.capacity.parse().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ComputeType {
    pub name: String,
}

/// A bundle as DescribeWorkspaceBundles shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Bundle {
    pub bundle_id: String,
    pub name: String,
    pub owner: String,
    pub description: String,
    pub image_id: String,
    pub root_storage: Storage,
    pub user_storage: Storage,
    pub compute_type: ComputeType,
    #[serde(with = "epoch_seconds")]
    pub last_updated_time: DateTime<Utc>,
    #[serde(with = "epoch_seconds")]
    pub creation_time: DateTime<Utc>,
    pub state: String,
    pub bundle_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleRecord {
    pub bundle: Bundle,
    /// What a WorkSpace built from this bundle runs, which the bundle shape
    /// does not say.
    pub operating_system_name: String,
    pub protocols: Vec<String>,
    pub amazon_owned: bool,
}

impl BundleRecord {
    /// The properties of a WorkSpace launched from this bundle.
    pub fn workspace_properties(
        &self,
        running_mode: &str,
        auto_stop_minutes: i64,
    ) -> WorkspaceProperties {
        WorkspaceProperties {
            running_mode: running_mode.to_owned(),
            running_mode_auto_stop_timeout_in_minutes: (running_mode == "AUTO_STOP")
                .then_some(auto_stop_minutes),
            root_volume_size_gib: self.bundle.root_storage.gib(),
            user_volume_size_gib: self.bundle.user_storage.gib(),
            compute_type_name: self.bundle.compute_type.name.clone(),
            protocols: self.protocols.clone(),
            operating_system_name: self.operating_system_name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OperatingSystem {
    #[serde(rename = "Type")]
    pub family: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageUpdates {
    pub update_available: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A custom image as DescribeWorkspaceImages shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Image {
    pub image_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub operating_system: OperatingSystem,
    pub state: String,
    pub required_tenancy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(with = "epoch_seconds")]
    pub created: DateTime<Utc>,
    pub owner_account_id: String,
    pub updates: ImageUpdates,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRecord {
    pub image: Image,
    pub operating_system_name: String,
    #[serde(default, skip_serializing_if = "Schedule::is_empty")]
    pub schedule: Schedule,
    /// The region the image lives in, which the image shape does not say:
    /// one sandbox answers every region, so a copy to another region is a
    /// new image of that region. `None`: a seeded image, seen in every region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The accounts the image is shared with (UpdateWorkspaceImagePermission).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shared_with: BTreeMap<String, ImagePermission>,
}

impl ImageRecord {
    /// Whether a call made in `region` (`None`: a caller that did not say) sees the image.
    pub fn is_in(&self, region: Option<&str>) -> bool {
        seen_in(self.region.as_deref(), region)
    }
}

/// Whether a call made in `region` sees a resource kept in `home`: one
/// sandbox answers every region; `None` on either side sees everything.
pub fn seen_in(home: Option<&str>, region: Option<&str>) -> bool {
    match (home, region) {
        (Some(home), Some(region)) => home == region,
        _ => true,
    }
}

/// One account an image is shared with, as DescribeWorkspaceImagePermissions shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImagePermission {
    pub shared_account_id: String,
}

/// An application as DescribeApplications shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Application {
    pub application_id: String,
    #[serde(with = "epoch_seconds")]
    pub created: DateTime<Utc>,
    pub description: String,
    pub license_type: String,
    pub name: String,
    pub owner: String,
    pub state: String,
    pub supported_compute_type_names: Vec<String>,
    pub supported_operating_system_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StateReason {
    pub error_code: String,
    pub error_message: String,
}

/// One application associated with one WorkSpace, bundle or image. The four
/// association operations show it in four shapes, see [`Association::to_wire`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub application_id: String,
    /// WORKSPACE, BUNDLE or IMAGE.
    pub resource_type: String,
    pub resource_id: String,
    #[serde(with = "epoch_seconds")]
    pub created: DateTime<Utc>,
    #[serde(with = "epoch_seconds")]
    pub last_updated_time: DateTime<Utc>,
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<StateReason>,
    #[serde(default, skip_serializing_if = "Schedule::is_empty")]
    pub schedule: Schedule,
}

/// From which side an association is described.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AssociationView {
    /// ApplicationResourceAssociation: the associated resource is the WorkSpace, bundle or image.
    FromApplication,
    /// Workspace/Bundle/ImageResourceAssociation: the associated resource is the application.
    FromResource,
}

impl Association {
    /// Associations are keyed by resource first, so that one resource's
    /// associations are one range of the map.
    pub fn key(resource_id: &str, application_id: &str) -> String {
        format!("{resource_id}/{application_id}")
    }

    pub fn to_wire(&self, view: AssociationView) -> serde_json::Value {
        let mut wire = serde_json::Map::new();
        let mut put = |name: &str, value: serde_json::Value| {
            wire.insert(name.to_owned(), value);
        };
        match view {
            AssociationView::FromApplication => {
                put("ApplicationId", self.application_id.clone().into());
                put("AssociatedResourceId", self.resource_id.clone().into());
                put("AssociatedResourceType", self.resource_type.clone().into());
            }
            AssociationView::FromResource => {
                put("AssociatedResourceId", self.application_id.clone().into());
                put("AssociatedResourceType", "APPLICATION".into());
                let owner_member = match self.resource_type.as_str() {
                    "BUNDLE" => "BundleId",
                    "IMAGE" => "ImageId",
                    _ => "WorkspaceId",
                };
                put(owner_member, self.resource_id.clone().into());
            }
        }
        put("Created", epoch_value(self.created));
        put("LastUpdatedTime", epoch_value(self.last_updated_time));
        put("State", self.state.clone().into());
        if let Some(reason) = &self.state_reason {
            put(
                "StateReason",
                serde_json::json!({"ErrorCode": reason.error_code, "ErrorMessage": reason.error_message}),
            );
        }
        serde_json::Value::Object(wire)
    }
}

pub fn epoch_value(time: DateTime<Utc>) -> serde_json::Value {
    serde_json::Value::from(time.timestamp_millis() as f64 / 1000.0)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

pub type Tags = BTreeMap<String, Vec<Tag>>;
