//! The fleet summary `report` prints, computed from an inventory: sections
//! of rows, each row tagged with its region and account, written as one JSON
//! document or as one table a section.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_workspaces::types::{
    ConnectionAlias, WorkSpaceApplication, Workspace, WorkspaceBundle, WorkspaceDirectory,
    WorkspaceImage, WorkspaceState, WorkspacesIpGroup, WorkspacesPool,
};
use aws_sdk_workspacesthinclient::types::{
    ApplyTimeOf, Device, DeviceStatus, Environment, MaintenanceWindow, MaintenanceWindowType,
    SoftwareSet,
};
use aws_smithy_types::DateTime;
use serde_json::{Map, Value};

use super::inventory::ScopeFleet;
use crate::maintenance_window::{self, DAYS};
use crate::output::columns_get as get;
use crate::scope::Place;

const DAY: i64 = 86_400;

/// What the summary is computed against.
pub struct Settings {
    /// Seconds since the epoch.
    pub now: i64,
    /// Devices not seen for longer are stale.
    pub stale: Duration,
    /// Software sets whose support ends sooner are listed.
    pub within: Duration,
}

/// One part of the report: `group.key` in the JSON document.
pub struct Section {
    /// The JSON object holding the section (`devices`), or none for a
    /// top-level array.
    pub group: Option<&'static str>,
    pub key: &'static str,
    pub title: &'static str,
    /// Field names of each row after `region` and `account`.
    pub columns: Vec<&'static str>,
    pub rows: Vec<Map<String, Value>>,
    /// More of the rows' fields, drawn as further tables (title, columns)
    /// after the first: a section too wide for one table of 80 columns.
    pub continued: Vec<(&'static str, Vec<&'static str>)>,
}

impl Section {
    /// The tables a person sees: (title, columns), the first one's the
    /// section's own.
    pub fn tables(&self) -> impl Iterator<Item = (&'static str, &[&'static str])> {
        std::iter::once((self.title, self.columns.as_slice())).chain(
            self.continued
                .iter()
                .map(|(title, columns)| (*title, columns.as_slice())),
        )
    }
}

pub fn sections(fleets: &[ScopeFleet], settings: &Settings) -> Vec<Section> {
    vec![
        scope_totals(fleets),
        counts(
            fleets,
            "devices",
            "byEnvironment",
            "Devices by environment",
            |f| {
                f.of::<Device>()
                    .iter()
                    .map(|d| vec![("environmentId", get::text(d.environment_id()))])
                    .collect()
            },
        ),
        counts(fleets, "devices", "byStatus", "Devices by status", |f| {
            f.of::<Device>()
                .iter()
                .map(|d| vec![("status", get::enumeration(d.status()))])
                .collect()
        }),
        counts(
            fleets,
            "devices",
            "byCompliance",
            "Devices by compliance",
            |f| {
                f.of::<Device>()
                    .iter()
                    .map(|d| {
                        vec![(
                            "softwareSetComplianceStatus",
                            get::enumeration(d.software_set_compliance_status()),
                        )]
                    })
                    .collect()
            },
        ),
        counts(
            fleets,
            "devices",
            "bySoftwareSet",
            "Devices by software set",
            |f| {
                f.of::<Device>()
                    .iter()
                    .map(|d| {
                        vec![
                            (
                                "currentSoftwareSetId",
                                get::text(d.current_software_set_id()),
                            ),
                            (
                                "currentSoftwareSetVersion",
                                get::text(d.current_software_set_version()),
                            ),
                        ]
                    })
                    .collect()
            },
        ),
        stale_devices(fleets, settings),
        software_sets_ending_support(fleets, settings),
        environments_with_updates_pending(fleets, settings),
        counts(
            fleets,
            "workspaces",
            "byState",
            "WorkSpaces by state",
            |f| {
                f.of::<Workspace>()
                    .iter()
                    .map(|w| vec![("State", get::enumeration(w.state()))])
                    .collect()
            },
        ),
        counts(
            fleets,
            "workspaces",
            "byRunningMode",
            "WorkSpaces by running mode",
            |f| {
                f.of::<Workspace>()
                    .iter()
                    .map(|w| {
                        let mode = w.workspace_properties().and_then(|p| p.running_mode());
                        vec![("RunningMode", get::enumeration(mode))]
                    })
                    .collect()
            },
        ),
        counts(
            fleets,
            "workspaces",
            "byComputeType",
            "WorkSpaces by compute type",
            |f| {
                f.of::<Workspace>()
                    .iter()
                    .map(|w| {
                        let compute = w.workspace_properties().and_then(|p| p.compute_type_name());
                        vec![("ComputeTypeName", get::enumeration(compute))]
                    })
                    .collect()
            },
        ),
        counts(
            fleets,
            "workspaces",
            "byOperatingSystem",
            "WorkSpaces by operating system",
            |f| {
                f.of::<Workspace>()
                    .iter()
                    .map(|w| {
                        let os = w
                            .workspace_properties()
                            .and_then(|p| p.operating_system_name());
                        vec![("OperatingSystemName", get::enumeration(os))]
                    })
                    .collect()
            },
        ),
        workspaces_needing_attention(fleets, settings),
        images_with_updates(fleets),
    ]
}

/// The sections as one JSON document: each group an object of its sections.
pub fn document(sections: Vec<Section>, header: Map<String, Value>) -> Value {
    let mut root = header;
    for section in sections {
        let rows = Value::Array(section.rows.into_iter().map(Value::Object).collect());
        match section.group {
            None => {
                root.insert(section.key.to_owned(), rows);
            }
            Some(group) => {
                if let Value::Object(map) = root
                    .entry(group.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()))
                {
                    map.insert(section.key.to_owned(), rows);
                }
            }
        }
    }
    Value::Object(root)
}

fn row(location: &Place, fields: Vec<(&'static str, Option<Value>)>) -> Map<String, Value> {
    let mut row = Map::new();
    row.insert("region".to_owned(), Value::from(location.region.clone()));
    row.insert("account".to_owned(), Value::from(location.account.clone()));
    for (name, value) in fields {
        row.insert(name.to_owned(), value.unwrap_or(Value::Null));
    }
    row
}

/// What each scope holds, a count a kind: one `scopes` array in JSON; as
/// tables, Thin Client's kinds, then WorkSpaces' in two, so each fits 80
/// columns with the region and account beside it.
fn scope_totals(fleets: &[ScopeFleet]) -> Section {
    let count = |n: usize| Some(Value::from(n));
    Section {
        group: None,
        key: "scopes",
        title: "Regions and accounts: Thin Client",
        columns: vec!["devices", "environments", "softwareSets"],
        rows: fleets
            .iter()
            .map(|f| {
                row(
                    &f.location,
                    vec![
                        ("devices", count(f.of::<Device>().len())),
                        ("environments", count(f.of::<Environment>().len())),
                        ("softwareSets", count(f.of::<SoftwareSet>().len())),
                        ("workspaces", count(f.of::<Workspace>().len())),
                        ("applications", count(f.of::<WorkSpaceApplication>().len())),
                        ("images", count(f.of::<WorkspaceImage>().len())),
                        ("bundles", count(f.of::<WorkspaceBundle>().len())),
                        ("pools", count(f.of::<WorkspacesPool>().len())),
                        ("directories", count(f.of::<WorkspaceDirectory>().len())),
                        ("ipGroups", count(f.of::<WorkspacesIpGroup>().len())),
                        ("connectionAliases", count(f.of::<ConnectionAlias>().len())),
                    ],
                )
            })
            .collect(),
        continued: vec![
            (
                "Regions and accounts: WorkSpaces",
                vec!["workspaces", "applications", "images", "bundles", "pools"],
            ),
            (
                "Regions and accounts: WorkSpaces directories and access",
                vec!["directories", "ipGroups", "connectionAliases"],
            ),
        ],
    }
}

type Key = Vec<(&'static str, Option<Value>)>;

/// How many items of each scope share the same values of `key`'s fields:
/// one row a (scope, values), with `count`.
fn counts(
    fleets: &[ScopeFleet],
    group: &'static str,
    key: &'static str,
    title: &'static str,
    keys_of: impl Fn(&ScopeFleet) -> Vec<Key>,
) -> Section {
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    for fleet in fleets {
        let mut tally: BTreeMap<String, (Key, usize)> = BTreeMap::new();
        for fields in keys_of(fleet) {
            if columns.is_empty() {
                columns = fields.iter().map(|(name, _)| *name).collect();
            }
            let id = Value::Array(
                fields
                    .iter()
                    .map(|(_, v)| v.clone().unwrap_or(Value::Null))
                    .collect(),
            )
            .to_string();
            tally.entry(id).or_insert_with(|| (fields, 0)).1 += 1;
        }
        for (fields, count) in tally.into_values() {
            let mut fields = fields;
            fields.push(("count", Some(Value::from(count))));
            rows.push(row(&fleet.location, fields));
        }
    }
    columns.push("count");
    Section {
        group: Some(group),
        key,
        title,
        columns,
        rows,
        continued: Vec::new(),
    }
}

fn stale_devices(fleets: &[ScopeFleet], settings: &Settings) -> Section {
    let cutoff = settings.now - seconds(settings.stale);
    let rows = fleets
        .iter()
        .flat_map(|fleet| {
            fleet
                .of::<Device>()
                .iter()
                // A device taken out of the fleet is not stale: the list
                // shrinks as the clean-up is done.
                .filter(|d| !is_retired(d))
                // A device that never reported is as unseen as one that stopped.
                .filter(move |d| d.last_posture_at().is_none_or(|t| t.secs() < cutoff))
                .map(|d| {
                    row(
                        &fleet.location,
                        vec![
                            ("id", get::text(d.id())),
                            ("name", get::text(d.name())),
                            ("environmentId", get::text(d.environment_id())),
                            ("status", get::enumeration(d.status())),
                            ("lastPostureAt", get::time(d.last_posture_at())),
                        ],
                    )
                })
        })
        .collect();
    Section {
        group: Some("devices"),
        key: "stale",
        title: "Devices not seen recently (--stale)",
        columns: vec!["id", "name", "environmentId", "status", "lastPostureAt"],
        rows,
        continued: Vec::new(),
    }
}

/// Deregistered (or on its way) or archived: no longer part of the fleet.
pub fn is_retired(device: &Device) -> bool {
    matches!(
        device.status(),
        Some(DeviceStatus::Deregistered | DeviceStatus::Deregistering | DeviceStatus::Archived)
    )
}

fn software_sets_ending_support(fleets: &[ScopeFleet], settings: &Settings) -> Section {
    let horizon = settings.now + seconds(settings.within);
    let mut rows = Vec::new();
    for fleet in fleets {
        for set in fleet.of::<SoftwareSet>() {
            let Some(until) = set.supported_until().filter(|t| t.secs() <= horizon) else {
                continue;
            };
            let id = set.id();
            let devices = fleet
                .of::<Device>()
                .iter()
                .filter(|d| id.is_some() && d.current_software_set_id() == id)
                .filter_map(|d| d.id());
            let environments = fleet
                .of::<Environment>()
                .iter()
                .filter(|e| id.is_some() && e.desired_software_set_id() == id)
                .filter_map(|e| e.id());
            rows.push(row(
                &fleet.location,
                vec![
                    ("id", get::text(id)),
                    ("version", get::text(set.version())),
                    ("supportedUntil", get::time(Some(until))),
                    ("devices", Some(string_array(devices))),
                    ("environments", Some(string_array(environments))),
                ],
            ));
        }
    }
    Section {
        group: Some("softwareSets"),
        key: "endingSupport",
        title: "Software sets leaving support (--within), and who is on them",
        columns: vec!["id", "version", "supportedUntil", "devices", "environments"],
        rows,
        continued: Vec::new(),
    }
}

fn environments_with_updates_pending(fleets: &[ScopeFleet], settings: &Settings) -> Section {
    let rows = fleets
        .iter()
        .flat_map(|fleet| {
            fleet
                .of::<Environment>()
                .iter()
                .filter(|e| e.pending_software_set_id().is_some())
                .map(|e| {
                    let window = e.maintenance_window();
                    row(
                        &fleet.location,
                        vec![
                            ("id", get::text(e.id())),
                            ("name", get::text(e.name())),
                            (
                                "pendingSoftwareSetId",
                                get::text(e.pending_software_set_id()),
                            ),
                            (
                                "pendingSoftwareSetVersion",
                                get::text(e.pending_software_set_version()),
                            ),
                            (
                                "maintenanceWindow",
                                window.map(|w| Value::from(maintenance_window::describe(w))),
                            ),
                            (
                                "nextWindowAt",
                                window
                                    .and_then(|w| next_window_opens(w, settings.now))
                                    .and_then(|secs| get::time(Some(&DateTime::from_secs(secs)))),
                            ),
                        ],
                    )
                })
        })
        .collect();
    Section {
        group: Some("environments"),
        key: "updatesPending",
        title: "Environments with updates pending",
        columns: vec![
            "id",
            "name",
            "pendingSoftwareSetId",
            "pendingSoftwareSetVersion",
            "maintenanceWindow",
            "nextWindowAt",
        ],
        rows,
        continued: Vec::new(),
    }
}

/// When a custom window in UTC next opens after `now` (epoch seconds).
/// A system window is AWS's to pick, and one in each device's local time
/// opens at a different instant on each device: neither has one answer.
pub fn next_window_opens(window: &MaintenanceWindow, now: i64) -> Option<i64> {
    if window.r#type() != &MaintenanceWindowType::Custom
        || window.apply_time_of() == Some(&ApplyTimeOf::Device)
    {
        return None;
    }
    let start = i64::from(window.start_time_hour()?) * 3600
        + i64::from(window.start_time_minute().unwrap_or(0)) * 60;
    let days: Vec<usize> = window
        .days_of_the_week()
        .iter()
        .filter_map(|d| DAYS.iter().position(|name| *name == d.as_str()))
        .collect();
    let today = now.div_euclid(DAY) * DAY;
    (0..=7)
        .map(|offset| today + offset * DAY + start)
        .find(|&opens| opens > now && (days.is_empty() || days.contains(&weekday(opens))))
}

/// Monday = 0, as [`DAYS`]; 1 January 1970 was a Thursday.
fn weekday(epoch_seconds: i64) -> usize {
    (epoch_seconds.div_euclid(DAY) + 3).rem_euclid(7) as usize
}

/// The WorkSpaces that need someone: ERROR, UNHEALTHY, and STOPPED with
/// no user connection since `cutoff` (or ever): stopped for long, not just
/// stopped overnight by AutoStop.
fn needs_attention(workspace: &Workspace, last_connection: Option<&DateTime>, cutoff: i64) -> bool {
    match workspace.state() {
        Some(WorkspaceState::Error | WorkspaceState::Impaired | WorkspaceState::Unhealthy) => true,
        Some(WorkspaceState::Stopped) => last_connection.is_none_or(|at| at.secs() < cutoff),
        _ => false,
    }
}

fn workspaces_needing_attention(fleets: &[ScopeFleet], settings: &Settings) -> Section {
    let cutoff = settings.now - seconds(settings.stale);
    let rows = fleets
        .iter()
        .flat_map(|fleet| {
            fleet.of::<Workspace>().iter().filter_map(move |w| {
                let last_connection = w
                    .workspace_id()
                    .and_then(|id| fleet.last_user_connections.get(id));
                needs_attention(w, last_connection, cutoff).then(|| {
                    row(
                        &fleet.location,
                        vec![
                            ("WorkspaceId", get::text(w.workspace_id())),
                            ("UserName", get::text(w.user_name())),
                            ("State", get::enumeration(w.state())),
                            (
                                "LastKnownUserConnectionTimestamp",
                                get::time(last_connection),
                            ),
                            ("ErrorCode", get::text(w.error_code())),
                            ("ErrorMessage", get::text(w.error_message())),
                        ],
                    )
                })
            })
        })
        .collect();
    Section {
        group: Some("workspaces"),
        key: "needingAttention",
        title: "WorkSpaces needing attention: ERROR, IMPAIRED, UNHEALTHY, or unused STOPPED",
        columns: vec![
            "WorkspaceId",
            "UserName",
            "State",
            "LastKnownUserConnectionTimestamp",
            "ErrorCode",
            "ErrorMessage",
        ],
        rows,
        continued: Vec::new(),
    }
}

fn images_with_updates(fleets: &[ScopeFleet]) -> Section {
    let rows = fleets
        .iter()
        .flat_map(|fleet| {
            fleet
                .of::<WorkspaceImage>()
                .iter()
                .filter(|i| i.updates().and_then(|u| u.update_available()) == Some(true))
                .map(|image| {
                    let bundles = fleet
                        .of::<WorkspaceBundle>()
                        .iter()
                        .filter(|b| image.image_id().is_some() && b.image_id() == image.image_id())
                        .filter_map(|b| b.bundle_id());
                    row(
                        &fleet.location,
                        vec![
                            ("ImageId", get::text(image.image_id())),
                            ("Name", get::text(image.name())),
                            (
                                "UpdateDescription",
                                get::text(image.updates().and_then(|u| u.description())),
                            ),
                            ("BundleIds", Some(string_array(bundles))),
                        ],
                    )
                })
        })
        .collect();
    Section {
        group: Some("images"),
        key: "updatesAvailable",
        title: "Images with updates available, and the bundles built on them",
        columns: vec!["ImageId", "Name", "UpdateDescription", "BundleIds"],
        rows,
        continued: Vec::new(),
    }
}

fn string_array<'a>(items: impl Iterator<Item = &'a str>) -> Value {
    Value::Array(items.map(Value::from).collect())
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX / 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_workspacesthinclient::types::DayOfWeek;

    /// Wednesday 2026-11-18 12:00:00 UTC.
    const WEDNESDAY_NOON: i64 = 1_795_003_200;

    fn window(days: &[DayOfWeek], hour: i32, apply: ApplyTimeOf) -> MaintenanceWindow {
        MaintenanceWindow::builder()
            .r#type(MaintenanceWindowType::Custom)
            .start_time_hour(hour)
            .start_time_minute(30)
            .end_time_hour(hour + 1)
            .end_time_minute(0)
            .set_days_of_the_week(Some(days.to_vec()))
            .apply_time_of(apply)
            .build()
            .unwrap()
    }

    #[test]
    fn the_epoch_week_starts_on_thursday() {
        assert_eq!(DAYS[weekday(0)], "THURSDAY");
        assert_eq!(DAYS[weekday(WEDNESDAY_NOON)], "WEDNESDAY");
    }

    #[test]
    fn the_next_window_is_the_next_listed_day_at_its_start() {
        let later_today = window(&[DayOfWeek::Wednesday], 22, ApplyTimeOf::Utc);
        assert_eq!(
            next_window_opens(&later_today, WEDNESDAY_NOON),
            Some(WEDNESDAY_NOON + 10 * 3600 + 30 * 60)
        );
        // Already opened today: next week.
        let this_morning = window(&[DayOfWeek::Wednesday], 2, ApplyTimeOf::Utc);
        assert_eq!(
            next_window_opens(&this_morning, WEDNESDAY_NOON),
            Some(WEDNESDAY_NOON + 7 * DAY - 9 * 3600 - 30 * 60)
        );
        let weekend = window(
            &[DayOfWeek::Saturday, DayOfWeek::Sunday],
            1,
            ApplyTimeOf::Utc,
        );
        assert_eq!(
            next_window_opens(&weekend, WEDNESDAY_NOON),
            Some(WEDNESDAY_NOON + 2 * DAY + 12 * 3600 + 3600 + 30 * 60)
        );
    }

    #[test]
    fn device_time_and_system_windows_have_no_single_next_opening() {
        let device = window(&[DayOfWeek::Monday], 22, ApplyTimeOf::Device);
        assert_eq!(next_window_opens(&device, WEDNESDAY_NOON), None);
        let system = MaintenanceWindow::builder()
            .r#type(MaintenanceWindowType::System)
            .build()
            .unwrap();
        assert_eq!(next_window_opens(&system, WEDNESDAY_NOON), None);
    }
}
