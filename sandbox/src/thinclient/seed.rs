//! The deterministic seed fleet: environments on each desktop service with
//! system and custom maintenance windows, software sets across their support
//! life, and devices in every status and compliance state.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use super::model::{
    ACCOUNT_ID, Device, DeviceStatus, Environment, MaintenanceWindow, Software, SoftwareSet,
    ThinClientState, UpdateSchedule, UpdateStatus, update_status_after_install,
};
use crate::rng::SeededRng;

/// (version, released days ago, support ends in days, validated)
const SOFTWARE_SETS: &[(&str, i64, i64, bool)] = &[
    ("1.4.2", 420, -60, true),
    ("1.6.0", 330, -5, true),
    ("2.0.3", 250, 12, true),
    ("2.1.1", 190, 26, false),
    ("2.3.0", 130, 95, true),
    ("3.0.2", 70, 185, true),
    ("3.1.0", 24, 300, false),
    ("3.2.1", 4, 365, false),
];

const SITES: &[&str] = &[
    "Headquarters",
    "Dublin Contact Center",
    "Seattle Engineering",
    "Retail Kiosks",
    "Finance",
    "Sao Paulo Office",
    "Warehouse Floor",
    "Training Lab",
];

const FIRST_NAMES: &[&str] = &[
    "alice", "bruno", "chen", "dara", "emeka", "fatima", "gustav", "hana", "ivan", "jules",
    "keiko", "liam", "maria", "noah", "olga", "priya", "quinn", "rafael", "sofia", "tomas",
];

const LAST_NAMES: &[&str] = &[
    "martin", "silva", "wong", "okafor", "kowalski", "nguyen", "schmidt", "garcia", "rossi",
    "haddad", "murphy", "tanaka", "dubois", "larsen", "patel",
];

const MODELS: &[&str] = &["WSTC-1", "WSTC-1", "WSTC-1", "WSTC-1B"];
const TEAMS: &[&str] = &["support", "sales", "engineering", "finance", "operations"];
const ROLES: &[&str] = &["DESK", "KIOSK", "AGENT", "LAB", "FRONT"];

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Midnight UTC of `now`'s day: every seeded timestamp hangs off it, so the
/// same seed gives the same fleet all day long.
pub fn anchor(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|midnight| midnight.and_utc())
        .unwrap_or(now)
}

fn seed_software_sets(rng: &mut SeededRng, anchor: DateTime<Utc>) -> BTreeMap<String, SoftwareSet> {
    let first_id = 300_000 + rng.below(100_000);
    SOFTWARE_SETS
        .iter()
        .enumerate()
        .map(|(index, (version, released, support_left, validated))| {
            let id = (first_id + index as u64 * (17 + rng.below(40))).to_string();
            let build = 1000 + rng.below(9000);
            let mut tags = BTreeMap::new();
            if index % 3 == 0 {
                tags.insert("channel".to_string(), "stable".to_string());
            }
            let set = SoftwareSet {
                id: id.clone(),
                version: version.to_string(),
                released_at: anchor - days(*released) + Duration::hours(17),
                supported_until: anchor + days(*support_left),
                validation_status: if *validated {
                    "VALIDATED"
                } else {
                    "NOT_VALIDATED"
                }
                .to_string(),
                software: vec![
                    Software {
                        name: "Thin Client OS".to_string(),
                        version: format!("{version}.{build}"),
                    },
                    Software {
                        name: "Amazon WorkSpaces client".to_string(),
                        version: format!("5.{}.{}", 10 + index, rng.below(10)),
                    },
                    Software {
                        name: "Amazon AppStream 2.0 client".to_string(),
                        version: format!("1.1.{}", 1100 + index * 37),
                    },
                    Software {
                        name: "WorkSpaces Secure Browser client".to_string(),
                        version: format!("2.{}.0", 3 + index),
                    },
                ],
                tags,
            };
            (id, set)
        })
        .collect()
}

fn desktop(
    rng: &mut SeededRng,
    kind: usize,
    region: &str,
    site: &str,
) -> (&'static str, String, Option<String>) {
    let slug: String = site.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    match kind % 3 {
        0 => (
            "workspaces",
            format!(
                "arn:aws:workspaces:{region}:{ACCOUNT_ID}:directory/d-9067{}",
                rng.hex(6)
            ),
            None,
        ),
        1 => (
            "appstream",
            format!("arn:aws:appstream:{region}:{ACCOUNT_ID}:stack/{slug}-Stack"),
            Some(format!(
                "https://sso.example.com/appstream/{}",
                slug.to_ascii_lowercase()
            )),
        ),
        _ => (
            "workspaces-web",
            format!(
                "arn:aws:workspaces-web:{region}:{ACCOUNT_ID}:portal/{}-{}-{}-{}-{}",
                rng.hex(8),
                rng.hex(4),
                rng.hex(4),
                rng.hex(4),
                rng.hex(12)
            ),
            None,
        ),
    }
}

fn window(index: usize) -> MaintenanceWindow {
    let all_days = || {
        super::validate::DAYS_OF_WEEK
            .iter()
            .map(|day| day.to_string())
            .collect()
    };
    match index % 4 {
        0 => MaintenanceWindow::system(),
        1 => MaintenanceWindow {
            window_type: "CUSTOM".to_string(),
            start_time_hour: Some(1),
            start_time_minute: Some(0),
            end_time_hour: Some(5),
            end_time_minute: Some(0),
            days_of_the_week: Some(vec!["SATURDAY".to_string(), "SUNDAY".to_string()]),
            apply_time_of: Some("UTC".to_string()),
        },
        2 => MaintenanceWindow {
            window_type: "CUSTOM".to_string(),
            start_time_hour: Some(22),
            start_time_minute: Some(30),
            end_time_hour: Some(2),
            end_time_minute: Some(0),
            days_of_the_week: Some(all_days()),
            apply_time_of: Some("DEVICE".to_string()),
        },
        _ => MaintenanceWindow {
            window_type: "CUSTOM".to_string(),
            start_time_hour: Some(3),
            start_time_minute: Some(15),
            end_time_hour: Some(6),
            end_time_minute: Some(45),
            days_of_the_week: Some(vec!["WEDNESDAY".to_string()]),
            apply_time_of: Some("DEVICE".to_string()),
        },
    }
}

fn seed_environments(
    rng: &mut SeededRng,
    count: usize,
    region: &str,
    anchor: DateTime<Utc>,
    software_sets: &BTreeMap<String, SoftwareSet>,
) -> Vec<Environment> {
    let set_ids: Vec<&String> = software_sets.keys().collect();
    (0..count)
        .map(|index| {
            let site = SITES[index % SITES.len()];
            let name = if index < SITES.len() {
                site.to_string()
            } else {
                format!("{site} {}", index / SITES.len() + 1)
            };
            let (desktop_type, desktop_arn, desktop_endpoint) = desktop(rng, index, region, site);
            let uses_desired = index % 3 == 2;
            let desired = uses_desired.then(|| set_ids[3 + index % 3].clone());
            let mut device_creation_tags = BTreeMap::new();
            let mut tags = BTreeMap::new();
            if index % 2 == 0 {
                device_creation_tags.insert("site".to_string(), name.replace(' ', "-"));
                tags.insert("owner".to_string(), "euc-team".to_string());
                tags.insert(
                    "costCenter".to_string(),
                    format!("CC-{}", 1000 + rng.below(9000)),
                );
            }
            let created_at =
                anchor - days(rng.between(200, 700)) + Duration::minutes(rng.between(0, 1439));
            Environment {
                id: rng.lower_alnum(9),
                name: Some(name),
                desktop_arn,
                desktop_endpoint,
                desktop_type: desktop_type.to_string(),
                activation_code: format!("{}{}", rng.lower_alpha(2), rng.lower_alnum(6)),
                software_set_update_schedule: if index % 4 == 3 {
                    "APPLY_IMMEDIATELY"
                } else {
                    "USE_MAINTENANCE_WINDOW"
                }
                .to_string(),
                maintenance_window: window(index),
                software_set_update_mode: if uses_desired {
                    "USE_DESIRED"
                } else {
                    "USE_LATEST"
                }
                .to_string(),
                pending_software_set_id: desired.clone(),
                desired_software_set_id: desired,
                software_set_compliance_status: if index % 3 == 1 {
                    "NOT_COMPLIANT"
                } else {
                    "COMPLIANT"
                }
                .to_string(),
                created_at,
                updated_at: created_at + days(rng.between(0, 150)),
                kms_key_arn: (index % 5 == 4).then(|| {
                    format!(
                        "arn:aws:kms:{region}:{ACCOUNT_ID}:key/{}-{}-{}-{}-{}",
                        rng.hex(8),
                        rng.hex(4),
                        rng.hex(4),
                        rng.hex(4),
                        rng.hex(12)
                    )
                }),
                device_creation_tags,
                tags,
            }
        })
        .collect()
}

/// The status of the `index`th device: the first four cover every status,
/// the rest follow a realistic mix (mostly registered).
fn device_status(rng: &mut SeededRng, index: usize) -> DeviceStatus {
    const STATUSES: [DeviceStatus; 4] = [
        DeviceStatus::Registered,
        DeviceStatus::Deregistering,
        DeviceStatus::Deregistered,
        DeviceStatus::Archived,
    ];
    if index < STATUSES.len() {
        return STATUSES[index];
    }
    match rng.below(100) {
        0..72 => DeviceStatus::Registered,
        72..78 => DeviceStatus::Deregistering,
        78..90 => DeviceStatus::Deregistered,
        _ => DeviceStatus::Archived,
    }
}

/// The software set installed on the `index`th device: devices 4..7 cover
/// none / unsupported / near end of support / current, the rest are mixed.
fn installed_set(rng: &mut SeededRng, index: usize, set_ids: &[&String]) -> Option<String> {
    let slot = match index {
        4 => None,
        5 => Some(0),
        6 => Some(2),
        7 => Some(set_ids.len() - 1),
        _ => match rng.below(100) {
            0..6 => None,
            6..20 => Some(rng.below(2) as usize),
            20..45 => Some(2 + rng.below(2) as usize),
            _ => Some(4 + rng.below(set_ids.len() as u64 - 4) as usize),
        },
    };
    slot.map(|slot| set_ids[slot].clone())
}

/// What every seeded device is drawn against.
struct FleetContext<'a> {
    anchor: DateTime<Utc>,
    environments: &'a [Environment],
    set_ids: Vec<&'a String>,
    software_sets: &'a BTreeMap<String, SoftwareSet>,
}

fn seed_device(index: usize, rng: &mut SeededRng, context: &FleetContext) -> Device {
    let anchor = context.anchor;
    let status = device_status(rng, index);
    let environment = &context.environments[rng.below(context.environments.len() as u64) as usize];
    let keeps_environment = matches!(
        status,
        DeviceStatus::Registered | DeviceStatus::Deregistering
    ) || rng.percent(60);
    let current = installed_set(rng, index, &context.set_ids);
    let desired = environment.desired_software_set_id.clone();
    let pending = match (&desired, &current) {
        (Some(desired), Some(current)) if desired != current => Some(desired.clone()),
        _ => None,
    };
    let created_at =
        anchor - days(rng.between(60, 600)) + Duration::seconds(rng.between(0, 86_399));
    let never_connected = index != 0 && rng.percent(5);
    let last_connected_at = (!never_connected).then(|| {
        let connected = anchor - Duration::minutes(rng.between(5, 180 * 24 * 60));
        connected.max(created_at + Duration::hours(1))
    });
    let last_posture_at = last_connected_at
        .map(|connected| (connected + Duration::minutes(rng.between(1, 3 * 24 * 60))).min(anchor));
    let user = format!("{}.{}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    let last_user_id =
        (environment.desktop_type == "workspaces" && !never_connected).then_some(user);
    let site_code: String = environment
        .name
        .as_deref()
        .unwrap_or("SITE")
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    let name =
        (!rng.percent(15)).then(|| format!("{site_code}-{}-{:03}", rng.pick(ROLES), index % 1000));
    let mut tags = BTreeMap::new();
    if rng.percent(30) {
        tags.insert("team".to_string(), rng.pick(TEAMS).to_string());
        if rng.percent(50) {
            tags.insert("asset".to_string(), format!("IT-{}", 100_000 + index));
        }
    }
    let mut device = Device {
        id: rng.mixed_alnum(24),
        serial_number: format!("G4N1{}", rng.upper_alnum(12)),
        name,
        model: rng.pick(MODELS).to_string(),
        environment_id: keeps_environment.then(|| environment.id.clone()),
        status,
        current_software_set_id: current,
        desired_software_set_id: desired,
        pending_software_set_id: pending,
        software_set_update_schedule: UpdateSchedule::parse(
            &environment.software_set_update_schedule,
        )
        .unwrap_or(UpdateSchedule::UseMaintenanceWindow),
        software_set_update_status: UpdateStatus::UpToDate,
        last_connected_at,
        last_posture_at,
        created_at,
        updated_at: last_posture_at.unwrap_or(created_at).max(created_at),
        kms_key_arn: environment.kms_key_arn.clone(),
        last_user_id,
        tags,
        // Seeded DEREGISTERING devices stay so: they model devices that are
        // offline and have not checked in to finish deregistering.
        transition: None,
    };
    device.software_set_update_status = if device.pending_software_set_id.is_some() {
        UpdateStatus::Available
    } else {
        update_status_after_install(&device, context.software_sets)
    };
    device
}

/// Draws `count` devices, each from its own generator, on every core.
fn seed_devices(count: usize, seed: u64, context: &FleetContext) -> BTreeMap<String, Device> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = count.div_ceil(threads).max(1);
    let device_seed = seed ^ 0x0DE7_1CE5;
    let chunks: Vec<Vec<Device>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..count)
            .step_by(chunk)
            .map(|first| {
                scope.spawn(move || {
                    (first..(first + chunk).min(count))
                        .map(|index| {
                            let mut rng = SeededRng::for_item(device_seed, index as u64);
                            seed_device(index, &mut rng, context)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    let mut devices: Vec<Device> = chunks.into_iter().flatten().collect();
    devices.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    // 24 characters of 62 practically never collide; if two do, redraw one.
    let mut redraw = SeededRng::new(!device_seed);
    while let Some(at) = devices.windows(2).position(|pair| pair[0].id == pair[1].id) {
        devices[at].id = redraw.mixed_alnum(24);
        devices.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    }
    // Built from sorted input, the map is assembled in one pass.
    devices
        .into_iter()
        .map(|device| (device.id.clone(), device))
        .collect()
}

pub fn seed(devices: usize, seed: u64, region: &str, now: DateTime<Utc>) -> ThinClientState {
    let anchor = anchor(now);
    let mut rng = SeededRng::new(seed);
    let software_sets = seed_software_sets(&mut rng, anchor);
    let environment_count = (devices / 25).clamp(5, 40);
    let environments =
        seed_environments(&mut rng, environment_count, region, anchor, &software_sets);
    let device_map = seed_devices(
        devices,
        seed,
        &FleetContext {
            anchor,
            // The last environment keeps no devices, as a freshly created one would.
            environments: &environments[..environments.len() - 1],
            set_ids: software_sets.keys().collect(),
            software_sets: &software_sets,
        },
    );
    let mut state = ThinClientState {
        region: region.to_string(),
        account: ACCOUNT_ID.to_string(),
        devices: device_map,
        environments: environments
            .into_iter()
            .map(|environment| (environment.id.clone(), environment))
            .collect(),
        software_sets,
        idempotency: HashMap::new(),
        rng: SeededRng::new(seed ^ 0x05EE_D1D5),
        index: Default::default(),
    };
    state.reindex();
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn same_seed_same_fleet_other_seed_other_fleet() {
        let now = Utc::now();
        let a = seed(60, 42, "us-east-1", now);
        let b = seed(60, 42, "us-east-1", now);
        let c = seed(60, 43, "us-east-1", now);
        assert_eq!(a.devices, b.devices);
        assert_eq!(a.environments, b.environments);
        assert_ne!(
            a.devices.keys().collect::<Vec<_>>(),
            c.devices.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_default_fleet_covers_every_status_and_compliance_state() {
        let now = Utc::now();
        let state = seed(60, 42, "us-east-1", now);
        assert_eq!(state.devices.len(), 60);
        let statuses: BTreeSet<&str> = state.devices.values().map(|d| d.status.as_str()).collect();
        assert_eq!(
            statuses,
            BTreeSet::from(["ARCHIVED", "DEREGISTERED", "DEREGISTERING", "REGISTERED"])
        );
        let compliance: BTreeSet<&str> = state
            .devices
            .values()
            .map(|d| state.device_compliance(d, now))
            .collect();
        assert_eq!(
            compliance,
            BTreeSet::from(["COMPLIANT", "NONE", "NOT_COMPLIANT"])
        );
        let types: BTreeSet<&str> = state
            .environments
            .values()
            .map(|e| e.desktop_type.as_str())
            .collect();
        assert_eq!(
            types,
            BTreeSet::from(["appstream", "workspaces", "workspaces-web"])
        );
        let windows: BTreeSet<(&str, Option<&str>)> = state
            .environments
            .values()
            .map(|e| {
                (
                    e.maintenance_window.window_type.as_str(),
                    e.maintenance_window.apply_time_of.as_deref(),
                )
            })
            .collect();
        assert!(windows.contains(&("SYSTEM", None)));
        assert!(windows.contains(&("CUSTOM", Some("UTC"))));
        assert!(windows.contains(&("CUSTOM", Some("DEVICE"))));
        assert!(
            state
                .software_sets
                .values()
                .any(|s| s.validation_status == "NOT_VALIDATED")
        );
        assert!(
            state.software_sets.values().any(|s| {
                s.supported_until > now && s.supported_until < now + Duration::days(30)
            })
        );
        assert!(state.devices.values().any(|d| d.last_user_id.is_some()));
        assert!(state.devices.values().any(|d| !d.tags.is_empty()));
        let empty = state
            .environments
            .keys()
            .filter(|id| state.counts(id).registered == 0)
            .count();
        assert!(empty >= 1, "one environment has no registered device");
    }
}
