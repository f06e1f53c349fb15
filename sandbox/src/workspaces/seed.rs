//! The deterministic seed fleet: the same `seed` always gives the same state.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::ip_groups::{IpGroup, IpRule};
use super::model::{
    AccessProperties, Application, Association, Bundle, BundleRecord, ComputeType,
    CreationProperties, DataReplicationSettings, Directory, Image, ImageRecord, ImageUpdates,
    OperatingSystem, RelatedWorkspace, Schedule, SelfservicePermissions,
    StandbyWorkspaceProperties, StateReason, Storage, Tag, Workspace, WorkspaceRecord, os_family,
};
use super::{ACCOUNT_ID, STANDBY_REGION, WorkspacesState};

/// The account that shares two images with the sandbox's account.
const SHARING_ACCOUNT_ID: &str = "210987654321";

/// SplitMix64: tiny, fast and stable across versions of any crate, so a
/// seed means the same fleet forever.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SplitMix(u64);

const BASE36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound.max(1) as u64) as usize
    }

    pub fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chars(&mut self, alphabet: &[u8], length: usize) -> String {
        (0..length)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }

    /// A computer name in the style EC2 gives Windows and Linux WorkSpaces.
    pub fn computer_name(&mut self, windows: bool) -> String {
        const UPPER_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        if windows {
            format!("EC2AMAZ-{}", self.chars(UPPER_ALPHANUMERIC, 7))
        } else {
            format!("A-{}", self.chars(UPPER_ALPHANUMERIC, 12))
        }
    }

    /// A new identifier such as `ws-` followed by `length` base-36
    /// characters, different from every identifier `taken` knows.
    pub fn fresh_id(
        &mut self,
        prefix: &str,
        length: usize,
        taken: impl Fn(&str) -> bool,
    ) -> String {
        loop {
            let id = format!("{prefix}{}", self.chars(BASE36, length));
            if !taken(&id) {
                return id;
            }
        }
    }
}

struct BundleSpec {
    name: &'static str,
    description: &'static str,
    compute: &'static str,
    operating_system: &'static str,
    root_gib: i64,
    user_gib: i64,
    protocol: &'static str,
}

const AMAZON_BUNDLES: &[BundleSpec] = &[
    BundleSpec {
        name: "Value with Windows 10 (Server 2019 based)",
        description: "Windows 10 Experience provided by Windows Server 2019, 1 vCPU, 2 GiB Memory, 10 GB User Storage",
        compute: "VALUE",
        operating_system: "WINDOWS_SERVER_2019",
        root_gib: 80,
        user_gib: 10,
        protocol: "PCOIP",
    },
    BundleSpec {
        name: "Standard with Windows 10 (Server 2022 based)",
        description: "Windows 10 Experience provided by Windows Server 2022, 2 vCPU, 4 GiB Memory, 50 GB User Storage",
        compute: "STANDARD",
        operating_system: "WINDOWS_SERVER_2022",
        root_gib: 80,
        user_gib: 50,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Performance with Windows 10 (Server 2022 based)",
        description: "Windows 10 Experience provided by Windows Server 2022, 2 vCPU, 8 GiB Memory, 100 GB User Storage",
        compute: "PERFORMANCE",
        operating_system: "WINDOWS_SERVER_2022",
        root_gib: 175,
        user_gib: 100,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Power with Windows 10 (Server 2019 based)",
        description: "Windows 10 Experience provided by Windows Server 2019, 4 vCPU, 16 GiB Memory, 100 GB User Storage",
        compute: "POWER",
        operating_system: "WINDOWS_SERVER_2019",
        root_gib: 175,
        user_gib: 100,
        protocol: "PCOIP",
    },
    BundleSpec {
        name: "PowerPro with Windows Server 2022",
        description: "Windows Server 2022, 8 vCPU, 32 GiB Memory, 100 GB User Storage",
        compute: "POWERPRO",
        operating_system: "WINDOWS_SERVER_2022",
        root_gib: 175,
        user_gib: 100,
        protocol: "WSP",
    },
    BundleSpec {
        name: "GeneralPurpose.4xlarge with Windows Server 2025",
        description: "Windows Server 2025, 16 vCPU, 64 GiB Memory, 100 GB User Storage",
        compute: "GENERALPURPOSE_4XLARGE",
        operating_system: "WINDOWS_SERVER_2025",
        root_gib: 175,
        user_gib: 100,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Graphics.g4dn with Windows Server 2019",
        description: "Windows Server 2019, 4 vCPU, 16 GiB Memory, 1 GPU, 16 GiB Video Memory, 100 GB User Storage",
        compute: "GRAPHICS_G4DN",
        operating_system: "WINDOWS_SERVER_2019",
        root_gib: 100,
        user_gib: 100,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Standard with Amazon Linux 2",
        description: "Amazon Linux 2, 2 vCPU, 4 GiB Memory, 50 GB User Storage",
        compute: "STANDARD",
        operating_system: "AMAZON_LINUX_2",
        root_gib: 80,
        user_gib: 50,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Performance with Ubuntu 22.04",
        description: "Ubuntu 22.04, 2 vCPU, 8 GiB Memory, 100 GB User Storage",
        compute: "PERFORMANCE",
        operating_system: "UBUNTU_22_04",
        root_gib: 175,
        user_gib: 100,
        protocol: "WSP",
    },
    BundleSpec {
        name: "Standard with Rocky Linux 8",
        description: "Rocky Linux 8, 2 vCPU, 4 GiB Memory, 50 GB User Storage",
        compute: "STANDARD",
        operating_system: "ROCKY_8",
        root_gib: 80,
        user_gib: 50,
        protocol: "WSP",
    },
];

struct ImageSpec {
    name: &'static str,
    description: &'static str,
    operating_system: &'static str,
    owner: &'static str,
    tenancy: &'static str,
    update: Option<&'static str>,
    error: Option<(&'static str, &'static str)>,
    /// The bundle built on the image, if any.
    bundle: Option<BundleSpec>,
}

const IMAGES: &[ImageSpec] = &[
    ImageSpec {
        name: "finance-win10-2024-06",
        description: "Finance desktop with Windows 10 BYOL",
        operating_system: "WINDOWS_10",
        owner: ACCOUNT_ID,
        tenancy: "DEDICATED",
        update: Some("WorkSpaces agent 3.4 and new display drivers are available"),
        error: None,
        bundle: Some(BundleSpec {
            name: "finance-standard",
            description: "Finance desktop (Windows 10 BYOL)",
            compute: "STANDARD",
            operating_system: "WINDOWS_10",
            root_gib: 80,
            user_gib: 50,
            protocol: "PCOIP",
        }),
    },
    ImageSpec {
        name: "engineering-win11-vs2022",
        description: "Engineering desktop with Windows 11 BYOL",
        operating_system: "WINDOWS_11",
        owner: ACCOUNT_ID,
        tenancy: "DEDICATED",
        update: None,
        error: None,
        bundle: Some(BundleSpec {
            name: "engineering-power",
            description: "Engineering desktop (Windows 11 BYOL)",
            compute: "POWER",
            operating_system: "WINDOWS_11",
            root_gib: 175,
            user_gib: 100,
            protocol: "WSP",
        }),
    },
    ImageSpec {
        name: "callcenter-ws2022-base",
        description: "Call center agents on Windows Server 2022",
        operating_system: "WINDOWS_SERVER_2022",
        owner: ACCOUNT_ID,
        tenancy: "DEFAULT",
        update: Some("New WorkSpaces components are available"),
        error: None,
        bundle: Some(BundleSpec {
            name: "callcenter-value",
            description: "Call center agents (Windows Server 2022)",
            compute: "VALUE",
            operating_system: "WINDOWS_SERVER_2022",
            root_gib: 80,
            user_gib: 10,
            protocol: "WSP",
        }),
    },
    ImageSpec {
        name: "analytics-ubuntu-2204",
        description: "Data analytics toolchain on Ubuntu 22.04",
        operating_system: "UBUNTU_22_04",
        owner: ACCOUNT_ID,
        tenancy: "DEFAULT",
        update: Some("New WorkSpaces components are available"),
        error: None,
        bundle: Some(BundleSpec {
            name: "analytics-performance",
            description: "Data analytics (Ubuntu 22.04)",
            compute: "PERFORMANCE",
            operating_system: "UBUNTU_22_04",
            root_gib: 175,
            user_gib: 100,
            protocol: "WSP",
        }),
    },
    ImageSpec {
        name: "legacy-win10-2021",
        description: "Retired Windows 10 desktop",
        operating_system: "WINDOWS_10",
        owner: ACCOUNT_ID,
        tenancy: "DEDICATED",
        update: None,
        error: Some((
            "InternalServiceError",
            "The image could not be created because the source WorkSpace stopped responding.",
        )),
        bundle: None,
    },
    ImageSpec {
        name: "marketing-win10-2023-11",
        description: "Marketing desktop with Windows 10 BYOL",
        operating_system: "WINDOWS_10",
        owner: ACCOUNT_ID,
        tenancy: "DEDICATED",
        update: Some("WorkSpaces agent 3.4 is available"),
        error: None,
        bundle: None,
    },
    ImageSpec {
        name: "shared-design-win11-gpu",
        description: "Design team desktop shared by the creative account",
        operating_system: "WINDOWS_11",
        owner: SHARING_ACCOUNT_ID,
        tenancy: "DEDICATED",
        update: Some("New graphics drivers are available"),
        error: None,
        bundle: None,
    },
    ImageSpec {
        name: "shared-al2-devtools",
        description: "Developer tools on Amazon Linux 2 shared by the platform account",
        operating_system: "AMAZON_LINUX_2",
        owner: SHARING_ACCOUNT_ID,
        tenancy: "DEFAULT",
        update: None,
        error: None,
        bundle: None,
    },
];

struct ApplicationSpec {
    name: &'static str,
    description: &'static str,
    license: &'static str,
    state: &'static str,
    operating_systems: &'static [&'static str],
    computes: &'static [&'static str],
}

const WINDOWS_DESKTOPS: &[&str] = &[
    "WINDOWS_10",
    "WINDOWS_11",
    "WINDOWS_SERVER_2019",
    "WINDOWS_SERVER_2022",
    "WINDOWS_SERVER_2025",
];
const GENERAL_COMPUTE: &[&str] = &[
    "VALUE",
    "STANDARD",
    "PERFORMANCE",
    "POWER",
    "POWERPRO",
    "GENERALPURPOSE_4XLARGE",
    "GENERALPURPOSE_8XLARGE",
    "GRAPHICS_G4DN",
    "GRAPHICSPRO_G4DN",
];
const HEAVY_COMPUTE: &[&str] = &[
    "PERFORMANCE",
    "POWER",
    "POWERPRO",
    "GENERALPURPOSE_4XLARGE",
    "GENERALPURPOSE_8XLARGE",
    "GRAPHICS_G4DN",
    "GRAPHICSPRO_G4DN",
];

pub const OFFICE_2021: &str = "Microsoft Office 2021 LTSC Professional Plus (64-bit)";
pub const OFFICE_2019: &str = "Microsoft Office 2019 Professional Plus (64-bit)";
pub const MICROSOFT_365: &str = "Microsoft 365 Apps for enterprise";
pub const VISUAL_STUDIO_2022: &str = "Microsoft Visual Studio 2022 Professional";

/// Applications that cannot be installed side by side on one WorkSpace.
pub const INCOMPATIBLE_APPLICATIONS: &[(&str, &str)] = &[
    (OFFICE_2021, MICROSOFT_365),
    (OFFICE_2021, OFFICE_2019),
    (OFFICE_2019, MICROSOFT_365),
];

const APPLICATIONS: &[ApplicationSpec] = &[
    ApplicationSpec {
        name: OFFICE_2021,
        description: "Word, Excel, PowerPoint, Outlook, OneNote, Access and Publisher, license included",
        license: "LICENSED",
        state: "AVAILABLE",
        operating_systems: WINDOWS_DESKTOPS,
        computes: GENERAL_COMPUTE,
    },
    ApplicationSpec {
        name: OFFICE_2019,
        description: "Office 2019, license included; can only be uninstalled",
        license: "LICENSED",
        state: "UNINSTALL_ONLY",
        operating_systems: &["WINDOWS_10", "WINDOWS_SERVER_2016", "WINDOWS_SERVER_2019"],
        computes: GENERAL_COMPUTE,
    },
    ApplicationSpec {
        name: "Microsoft Visio 2021 LTSC Professional (64-bit)",
        description: "Visio 2021, license included",
        license: "LICENSED",
        state: "AVAILABLE",
        operating_systems: WINDOWS_DESKTOPS,
        computes: GENERAL_COMPUTE,
    },
    ApplicationSpec {
        name: "Microsoft Project 2021 Professional (64-bit)",
        description: "Project 2021, license included",
        license: "LICENSED",
        state: "AVAILABLE",
        operating_systems: WINDOWS_DESKTOPS,
        computes: GENERAL_COMPUTE,
    },
    ApplicationSpec {
        name: MICROSOFT_365,
        description: "Microsoft 365 Apps, bring your own license",
        license: "UNLICENSED",
        state: "AVAILABLE",
        operating_systems: WINDOWS_DESKTOPS,
        computes: GENERAL_COMPUTE,
    },
    ApplicationSpec {
        name: VISUAL_STUDIO_2022,
        description: "Visual Studio 2022 Professional, bring your own license",
        license: "UNLICENSED",
        state: "AVAILABLE",
        operating_systems: &[
            "WINDOWS_10",
            "WINDOWS_11",
            "WINDOWS_SERVER_2019",
            "WINDOWS_SERVER_2022",
        ],
        computes: HEAVY_COMPUTE,
    },
];

const DIRECTORIES: &[(&str, &str, &str)] = &[
    ("corp.example.com", "corp-example", "AD_CONNECTOR"),
    ("eng.example.com", "eng-example", "SIMPLE_AD"),
    (
        "contractors.example.com",
        "contractors-example",
        "AD_CONNECTOR",
    ),
];

const FIRST_NAMES: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "uma", "victor", "wendy",
];
const LAST_NAMES: &[&str] = &[
    "smith", "jones", "garcia", "chen", "patel", "nguyen", "kim", "muller", "rossi", "silva",
    "kowalski", "novak", "tanaka", "haddad", "okafor", "larsen", "dubois", "ivanova", "santos",
    "walsh",
];
const TEAMS: &[&str] = &["finance", "engineering", "support", "sales", "analytics"];

fn days_ago(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    now.checked_sub_signed(TimeDelta::days(days)).unwrap_or(now)
}

/// A user name unique across the fleet: `first.last`, with a number once
/// the combinations run out.
fn user_name(index: usize) -> String {
    let first = FIRST_NAMES[index % FIRST_NAMES.len()];
    let last = LAST_NAMES[(index / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let round = index / (FIRST_NAMES.len() * LAST_NAMES.len());
    if round == 0 {
        format!("{first}.{last}")
    } else {
        format!("{first}.{last}{round}")
    }
}

pub fn seed_state(workspace_count: usize, seed: u64, now: DateTime<Utc>) -> WorkspacesState {
    let mut rng = SplitMix::new(seed);
    let mut state = WorkspacesState {
        id_source: SplitMix::new(seed ^ 0x5EED_0F1D_5EED_0F1D),
        ..WorkspacesState::default()
    };
    seed_directories(&mut state, &mut rng);
    seed_amazon_bundles(&mut state, &mut rng, now);
    seed_images_and_custom_bundles(&mut state, &mut rng, now);
    seed_applications(&mut state, &mut rng, now);
    seed_workspaces(&mut state, &mut rng, workspace_count, now);
    seed_skip_convert(&mut state);
    super::pools::seed_pools(&mut state, &mut rng, now);
    super::connect_add_ins::seed_connect_add_ins(&mut state, &mut rng);
    super::account_links::seed_account_links(&mut state, &mut rng);
    super::account::seed_account(&mut state, now);
    super::branding::seed_branding(&mut state);
    seed_identity_center_directory(&mut state, seed);
    seed_ip_groups(&mut state, seed);
    super::directories::seed_directory_service(&mut state, seed);
    super::connection_aliases::seed_connection_aliases(&mut state, seed);
    state
}

/// A `wsd-` directory (WorkSpaces Pools, users from IAM Identity Center)
/// beside the AD ones, with no WorkSpaces. Drawn from a source of its own so
/// that the rest of the fleet stays as it was.
fn seed_identity_center_directory(state: &mut WorkspacesState, seed: u64) {
    let mut rng = SplitMix::new(seed ^ 0x05D0_1DC0_0000_0001);
    let Some(mut directory) = state.directories.values().next().cloned() else {
        return;
    };
    let directory_id = format!("wsd-{}", rng.chars(BASE36, 9));
    directory.directory_id = directory_id.clone();
    directory.alias = "pools-example".to_owned();
    directory.directory_name = "pools.example.com".to_owned();
    directory.directory_type = "CUSTOMER_MANAGED".to_owned();
    directory.ip_group_ids = Vec::new();
    directory.workspace_directory_name = Some("pools-example".to_owned());
    directory.user_identity_type = Some("AWS_IAM_IDENTITY_CENTER".to_owned());
    directory.workspace_type = Some("POOLS".to_owned());
    directory.tenancy = "SHARED".to_owned();
    state.directories.insert(directory_id, directory);
}

/// An IP group for each group the directories name (so every association is
/// of a group that exists) and one associated with none. Drawn from a source
/// of its own so that the rest of the fleet stays as it was.
fn seed_ip_groups(state: &mut WorkspacesState, seed: u64) {
    let mut rng = SplitMix::new(seed ^ 0x1960_0A11_0C0D_E5AF);
    let associated: Vec<(String, String)> = state
        .directories
        .values()
        .flat_map(|d| {
            let alias = d.alias.clone();
            d.ip_group_ids
                .iter()
                .map(move |id| (id.clone(), alias.clone()))
        })
        .collect();
    let unused = (
        format!("wsipg-{}", rng.chars(BASE36, 9)),
        "unused".to_owned(),
    );
    for (index, (group_id, purpose)) in associated.into_iter().chain([unused]).enumerate() {
        let group = IpGroup {
            group_id: group_id.clone(),
            group_name: format!("{purpose}-offices"),
            group_desc: Some(format!("Office ranges ({purpose})")),
            user_rules: vec![
                IpRule {
                    ip_rule: format!("203.0.{index}.0/24"),
                    rule_desc: Some("head office".to_owned()),
                },
                IpRule {
                    ip_rule: format!("198.51.{index}.0/24"),
                    rule_desc: None,
                },
            ],
        };
        state.ip_groups.insert(group_id, group);
    }
}

fn seed_directories(state: &mut WorkspacesState, rng: &mut SplitMix) {
    for (index, (name, alias, directory_type)) in DIRECTORIES.iter().enumerate() {
        let directory_id = format!("d-9067{}", rng.chars(HEX, 6));
        let subnet = |rng: &mut SplitMix| format!("subnet-{}", rng.chars(HEX, 17));
        let directory = Directory {
            directory_id: directory_id.clone(),
            alias: (*alias).to_owned(),
            directory_name: (*name).to_owned(),
            registration_code: format!(
                "SLiad+{}",
                rng.chars(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6)
            ),
            subnet_ids: vec![subnet(rng), subnet(rng)],
            dns_ip_addresses: vec![format!("10.{index}.0.10"), format!("10.{index}.1.10")],
            customer_user_name: "Administrator".to_owned(),
            iam_role_id: format!("arn:aws:iam::{ACCOUNT_ID}:role/workspaces_DefaultRole"),
            directory_type: (*directory_type).to_owned(),
            workspace_security_group_id: format!("sg-{}", rng.chars(HEX, 17)),
            state: "REGISTERED".to_owned(),
            workspace_creation_properties: CreationProperties {
                enable_internet_access: index != 2,
                default_ou: format!(
                    "OU=WorkSpaces,{}",
                    name.split('.')
                        .map(|part| format!("DC={part}"))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                custom_security_group_id: format!("sg-{}", rng.chars(HEX, 17)),
                user_enabled_as_local_administrator: index == 1,
                enable_maintenance_mode: true,
                instance_iam_role_arn: None,
            },
            ip_group_ids: vec![format!("wsipg-{}", rng.chars(BASE36, 9))],
            workspace_access_properties: AccessProperties {
                device_type_windows: "ALLOW".to_owned(),
                device_type_osx: "ALLOW".to_owned(),
                device_type_web: if index == 2 { "DENY" } else { "ALLOW" }.to_owned(),
                device_type_ios: "ALLOW".to_owned(),
                device_type_android: "ALLOW".to_owned(),
                device_type_chrome_os: "ALLOW".to_owned(),
                device_type_zero_client: "ALLOW".to_owned(),
                device_type_linux: "ALLOW".to_owned(),
                device_type_work_spaces_thin_client: "ALLOW".to_owned(),
                access_endpoint_config: None,
            },
            tenancy: if index == 0 { "DEDICATED" } else { "SHARED" }.to_owned(),
            selfservice_permissions: SelfservicePermissions {
                restart_workspace: "ENABLED".to_owned(),
                increase_volume_size: "DISABLED".to_owned(),
                change_compute_type: "DISABLED".to_owned(),
                switch_running_mode: if index == 1 { "ENABLED" } else { "DISABLED" }.to_owned(),
                rebuild_workspace: "DISABLED".to_owned(),
            },
            workspace_directory_name: None,
            user_identity_type: None,
            workspace_type: None,
            settings: Default::default(),
        };
        state.tags.insert(
            directory_id.clone(),
            vec![Tag {
                key: "Environment".to_owned(),
                value: Some("production".to_owned()),
            }],
        );
        state.directories.insert(directory_id, directory);
    }
}

fn bundle_record(
    spec: &BundleSpec,
    bundle_id: String,
    image_id: String,
    amazon_owned: bool,
    created: DateTime<Utc>,
) -> BundleRecord {
    BundleRecord {
        bundle: Bundle {
            bundle_id,
            name: spec.name.to_owned(),
            owner: if amazon_owned { "Amazon" } else { ACCOUNT_ID }.to_owned(),
            description: spec.description.to_owned(),
            image_id,
            root_storage: Storage {
                capacity: spec.root_gib.to_string(),
            },
            user_storage: Storage {
                capacity: spec.user_gib.to_string(),
            },
            compute_type: ComputeType {
                name: spec.compute.to_owned(),
            },
            last_updated_time: created,
            creation_time: created,
            state: "AVAILABLE".to_owned(),
            bundle_type: "REGULAR".to_owned(),
        },
        operating_system_name: spec.operating_system.to_owned(),
        protocols: vec![spec.protocol.to_owned()],
        amazon_owned,
    }
}

fn seed_amazon_bundles(state: &mut WorkspacesState, rng: &mut SplitMix, now: DateTime<Utc>) {
    for (index, spec) in AMAZON_BUNDLES.iter().enumerate() {
        let bundle_id = rng.fresh_id("wsb-", 9, |id| state.bundles.contains_key(id));
        // Amazon's images are not the account's: DescribeWorkspaceImages never lists them.
        let image_id = format!("wsi-{}", rng.chars(BASE36, 9));
        let created = days_ago(now, 400 - 20 * index as i64);
        let record = bundle_record(spec, bundle_id.clone(), image_id, true, created);
        state.bundles.insert(bundle_id, record);
    }
}

fn seed_images_and_custom_bundles(
    state: &mut WorkspacesState,
    rng: &mut SplitMix,
    now: DateTime<Utc>,
) {
    for (index, spec) in IMAGES.iter().enumerate() {
        let image_id = rng.fresh_id("wsi-", 9, |id| state.images.contains_key(id));
        let created = days_ago(now, 300 - 25 * index as i64);
        let image = Image {
            image_id: image_id.clone(),
            name: spec.name.to_owned(),
            description: Some(spec.description.to_owned()),
            operating_system: OperatingSystem {
                family: os_family(spec.operating_system).to_owned(),
            },
            state: if spec.error.is_some() {
                "ERROR"
            } else {
                "AVAILABLE"
            }
            .to_owned(),
            required_tenancy: spec.tenancy.to_owned(),
            error_code: spec.error.map(|(code, _)| code.to_owned()),
            error_message: spec.error.map(|(_, message)| message.to_owned()),
            created,
            owner_account_id: spec.owner.to_owned(),
            updates: ImageUpdates {
                update_available: spec.update.is_some(),
                description: spec.update.map(str::to_owned),
            },
        };
        state.images.insert(
            image_id.clone(),
            ImageRecord {
                image,
                operating_system_name: spec.operating_system.to_owned(),
                schedule: Schedule::default(),
                region: None,
                shared_with: Default::default(),
            },
        );
        if let Some(bundle_spec) = &spec.bundle {
            let bundle_id = rng.fresh_id("wsb-", 9, |id| state.bundles.contains_key(id));
            let bundle_created = days_ago(now, 290 - 25 * index as i64);
            let record = bundle_record(
                bundle_spec,
                bundle_id.clone(),
                image_id,
                false,
                bundle_created,
            );
            state.bundles.insert(bundle_id, record);
        }
    }
}

fn seed_applications(state: &mut WorkspacesState, rng: &mut SplitMix, now: DateTime<Utc>) {
    for (index, spec) in APPLICATIONS.iter().enumerate() {
        let application_id = rng.fresh_id("wsa-", 9, |id| state.applications.contains_key(id));
        let application = Application {
            application_id: application_id.clone(),
            created: days_ago(now, 700 - 30 * index as i64),
            description: spec.description.to_owned(),
            license_type: spec.license.to_owned(),
            name: spec.name.to_owned(),
            owner: "AMAZON".to_owned(),
            state: spec.state.to_owned(),
            supported_compute_type_names: spec.computes.iter().map(|c| (*c).to_owned()).collect(),
            supported_operating_system_names: spec
                .operating_systems
                .iter()
                .map(|os| (*os).to_owned())
                .collect(),
        };
        state.applications.insert(application_id, application);
    }

    // Custom Windows bundles and their images come with applications baked in.
    let application_named = |name: &str| {
        state
            .applications
            .values()
            .find(|application| application.name == name)
            .map(|application| application.application_id.clone())
    };
    let (Some(office), Some(visual_studio), Some(microsoft_365)) = (
        application_named(OFFICE_2021),
        application_named(VISUAL_STUDIO_2022),
        application_named(MICROSOFT_365),
    ) else {
        return;
    };
    let mut baked = Vec::new();
    for record in state.bundles.values().filter(|record| !record.amazon_owned) {
        let bundle = &record.bundle;
        let picks: Vec<(&String, Option<StateReason>)> = match bundle.name.as_str() {
            "finance-standard" => vec![(&office, None)],
            "engineering-power" => vec![(&office, None), (&visual_studio, None)],
            "callcenter-value" => vec![(
                &microsoft_365,
                Some(StateReason {
                    error_code: "ValidationError.InsufficientDiskSpace".to_owned(),
                    error_message:
                        "The image does not have enough free disk space to install the application."
                            .to_owned(),
                }),
            )],
            _ => Vec::new(),
        };
        for (application_id, failure) in picks {
            for (resource_type, resource_id) in
                [("BUNDLE", &bundle.bundle_id), ("IMAGE", &bundle.image_id)]
            {
                baked.push(Association {
                    application_id: application_id.clone(),
                    resource_type: resource_type.to_owned(),
                    resource_id: resource_id.clone(),
                    created: bundle.creation_time,
                    last_updated_time: bundle.creation_time,
                    state: if failure.is_some() {
                        "ERROR"
                    } else {
                        "COMPLETED"
                    }
                    .to_owned(),
                    state_reason: failure.clone(),
                    schedule: Schedule::default(),
                });
            }
        }
    }
    for association in baked {
        state.associations.insert(
            Association::key(&association.resource_id, &association.application_id),
            association,
        );
    }
}

fn seed_workspaces(
    state: &mut WorkspacesState,
    rng: &mut SplitMix,
    count: usize,
    now: DateTime<Utc>,
) {
    let directories: Vec<Directory> = state.directories.values().cloned().collect();
    let bundles: Vec<BundleRecord> = state.bundles.values().cloned().collect();
    let applications: Vec<Application> = state
        .applications
        .values()
        .filter(|application| application.state == "AVAILABLE")
        .cloned()
        .collect();
    if directories.is_empty() || bundles.is_empty() {
        return;
    }
    for index in 0..count {
        let directory = match rng.below(10) {
            0..=5 => &directories[0],
            6..=8 => &directories[1 % directories.len()],
            _ => &directories[2 % directories.len()],
        };
        let bundle = rng.pick(&bundles);
        let operating_system = bundle.operating_system_name.as_str();
        let windows = os_family(operating_system) == "WINDOWS";
        let running_mode = match rng.below(100) {
            0..=54 => "AUTO_STOP",
            55..=94 => "ALWAYS_ON",
            _ => "MANUAL",
        };
        let health = rng.below(100);
        let workspace_state = match health {
            0..=1 => "ERROR",
            2..=3 => "UNHEALTHY",
            4 => "IMPAIRED",
            _ if running_mode != "ALWAYS_ON" && health < 50 => "STOPPED",
            _ => "AVAILABLE",
        };
        let workspace_id = rng.fresh_id("ws-", 9, |id| state.workspaces.contains_key(id));
        let user = user_name(index);
        let encrypted = rng.percent(25);
        let directory_index = directories
            .iter()
            .position(|candidate| candidate.directory_id == directory.directory_id)
            .unwrap_or(0);
        let standby = windows && workspace_state == "AVAILABLE" && index % 97 == 5;
        let snapshot_time = now
            .checked_sub_signed(TimeDelta::minutes(15))
            .unwrap_or(now);
        let standby_id = if standby {
            Some(rng.fresh_id("ws-", 9, |id| state.workspaces.contains_key(id)))
        } else {
            None
        };
        let workspace = Workspace {
            workspace_id: workspace_id.clone(),
            directory_id: directory.directory_id.clone(),
            user_name: user.clone(),
            ip_address: Some(format!(
                "10.{directory_index}.{}.{}",
                (index / 250) % 256,
                index % 250 + 4
            )),
            state: workspace_state.to_owned(),
            bundle_id: bundle.bundle.bundle_id.clone(),
            subnet_id: directory.subnet_ids.get(index % 2).cloned(),
            error_message: (workspace_state == "ERROR").then(|| {
                "The WorkSpace could not be recovered after a hardware failure of its host."
                    .to_owned()
            }),
            error_code: (workspace_state == "ERROR").then(|| "InternalServiceError".to_owned()),
            computer_name: Some(rng.computer_name(windows)),
            volume_encryption_key: encrypted.then(|| {
                format!(
                    "arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/{}-{}-{}-{}-{}",
                    rng.chars(HEX, 8),
                    rng.chars(HEX, 4),
                    rng.chars(HEX, 4),
                    rng.chars(HEX, 4),
                    rng.chars(HEX, 12)
                )
            }),
            user_volume_encryption_enabled: encrypted,
            root_volume_encryption_enabled: encrypted,
            workspace_name: rng.percent(40).then(|| format!("{user}-desktop")),
            workspace_properties: bundle
                .workspace_properties(running_mode, 60 * (1 + rng.below(3) as i64)),
            modification_states: Vec::new(),
            related_workspaces: standby_id.as_ref().map(|id| {
                vec![RelatedWorkspace {
                    workspace_id: id.clone(),
                    region: STANDBY_REGION.to_owned(),
                    state: "STOPPED".to_owned(),
                    relationship: "STANDBY".to_owned(),
                }]
            }),
            data_replication_settings: standby_id.as_ref().map(|_| DataReplicationSettings {
                data_replication: "PRIMARY_AS_SOURCE".to_owned(),
                recovery_snapshot_time: snapshot_time,
            }),
            standby_workspaces_properties: standby_id.as_ref().map(|id| {
                vec![StandbyWorkspaceProperties {
                    standby_workspace_id: id.clone(),
                    data_replication: "PRIMARY_AS_SOURCE".to_owned(),
                    recovery_snapshot_time: snapshot_time,
                }]
            }),
        };
        if rng.percent(30) {
            state.tags.insert(
                workspace_id.clone(),
                vec![
                    Tag {
                        key: "Team".to_owned(),
                        value: Some((*rng.pick(TEAMS)).to_owned()),
                    },
                    Tag {
                        key: "CostCenter".to_owned(),
                        value: Some(format!("CC-{}", 1000 + rng.below(40))),
                    },
                ],
            );
        }
        if windows && rng.percent(25) {
            seed_workspace_association(state, rng, &workspace, &applications, now);
        }
        let last_user_connection = last_user_connection(index, workspace_state, now);
        state.workspaces.insert(
            workspace_id,
            WorkspaceRecord {
                workspace,
                schedule: Schedule::default(),
                modifications_done_at: None,
                last_user_connection,
                snapshots: super::workspace_ops::seeded_snapshots(now),
            },
        );
    }
}

/// The Cost Optimizer's opt-out tag on one AUTO_STOP WorkSpace whose
/// compute type has a threshold: its usage profile is heavy (see
/// `crate::cloudwatch`), so `workspaces usage` shows it skipped where it
/// would otherwise switch. The first such WorkSpace without tags, so no
/// other seeded value moves.
fn seed_skip_convert(state: &mut WorkspacesState) {
    let chosen = state.workspaces.values().find(|record| {
        let properties = &record.workspace.workspace_properties;
        properties.running_mode == "AUTO_STOP"
            && record.workspace.state == "AVAILABLE"
            && record.last_user_connection.is_some()
            && ["VALUE", "STANDARD", "PERFORMANCE", "POWER"]
                .contains(&properties.compute_type_name.as_str())
            && !state.tags.contains_key(&record.workspace.workspace_id)
    });
    if let Some(record) = chosen {
        let id = record.workspace.workspace_id.clone();
        state.tags.insert(
            id,
            vec![Tag {
                key: "Skip_Convert".to_owned(),
                value: Some("true".to_owned()),
            }],
        );
    }
}

/// When the WorkSpace's user last connected: within the last day when it
/// runs; for a stopped one, days ago for half and months ago (or never) for
/// the rest, so "stopped for long" has both kinds to tell apart. Drawn from
/// its own generator so the rest of the seed stays as it was.
fn last_user_connection(index: usize, state: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut rng = SplitMix::new(0xC0DE_5EED ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let hours = match state {
        "AVAILABLE" => rng.below(24),
        "STOPPED" if index.is_multiple_of(2) => 24 * (1 + rng.below(10)),
        "STOPPED" if index.is_multiple_of(3) => return None,
        _ => 24 * (45 + rng.below(120)),
    };
    now.checked_sub_signed(TimeDelta::hours(hours as i64))
}

/// One application on a WorkSpace: mostly installed, some waiting for a
/// deployment, some failed with the reason.
fn seed_workspace_association(
    state: &mut WorkspacesState,
    rng: &mut SplitMix,
    workspace: &Workspace,
    applications: &[Application],
    now: DateTime<Utc>,
) {
    let properties = &workspace.workspace_properties;
    let compatible: Vec<&Application> = applications
        .iter()
        .filter(|application| {
            application
                .supported_operating_system_names
                .contains(&properties.operating_system_name)
                && application
                    .supported_compute_type_names
                    .contains(&properties.compute_type_name)
        })
        .collect();
    if compatible.is_empty() {
        return;
    }
    let application = *rng.pick(&compatible);
    let created = days_ago(now, 10 + rng.below(200) as i64);
    let (association_state, reason) = match rng.below(10) {
        0 => ("PENDING_INSTALL_DEPLOYMENT", None),
        1 => (
            "ERROR",
            Some(if rng.percent(50) {
                StateReason {
                    error_code: "ValidationError.InsufficientDiskSpace".to_owned(),
                    error_message: "The WorkSpace does not have enough free disk space to install the application.".to_owned(),
                }
            } else {
                StateReason {
                    error_code: "DeploymentError.WorkspaceUnreachable".to_owned(),
                    error_message: "The WorkSpace could not be reached to install the application."
                        .to_owned(),
                }
            }),
        ),
        _ => ("COMPLETED", None),
    };
    let association = Association {
        application_id: application.application_id.clone(),
        resource_type: "WORKSPACE".to_owned(),
        resource_id: workspace.workspace_id.clone(),
        created,
        last_updated_time: created,
        state: association_state.to_owned(),
        state_reason: reason,
        schedule: Schedule::default(),
    };
    state.associations.insert(
        Association::key(&workspace.workspace_id, &application.application_id),
        association,
    );
}
