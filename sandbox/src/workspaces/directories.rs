//! Directories registered with WorkSpaces: listing them, and registering
//! one (an AD directory of AWS Directory Service, `d-…`, or a directory
//! WorkSpaces creates for WorkSpaces Pools or IAM Identity Center, `wsd-…`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::directory_settings::{
    ActiveDirectoryConfig, ClientProperties, DirectorySettings, IdcConfig, MicrosoftEntraConfig,
    check_pattern, pattern, patterned,
};
use super::error::WsError;
use super::input::{DIRECTORY_ID, Input, check_count, check_enum, page_size};
use super::model::{
    AccessProperties, CreationProperties, Directory, Schedule, ScheduledState,
    SelfservicePermissions, advance_schedule,
};
use super::paging::{DEFAULT_PAGE, Listing};
use super::seed::SplitMix;
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState, earliest};

const HEX: &[u8] = b"0123456789abcdef";

/// What DescribeWorkspaceDirectories does not show: the account's AD
/// directories in AWS Directory Service (registered or not, so one
/// deregistered can be registered again), registrations under way, and
/// each directory's client properties.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Registry {
    #[serde(default)]
    pub(super) directory_service: BTreeMap<String, AdDirectory>,
    #[serde(default)]
    registrations: BTreeMap<String, Schedule>,
    #[serde(default)]
    pub(super) client_properties: BTreeMap<String, ClientProperties>,
}

impl Registry {
    /// Drops what is kept about a directory that is no longer registered
    /// (its Directory Service entry stays).
    pub(super) fn forget(&mut self, directory_id: &str) {
        self.registrations.remove(directory_id);
        self.client_properties.remove(directory_id);
    }
}

/// An AD directory as AWS Directory Service has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct AdDirectory {
    name: String,
    alias: String,
    /// SIMPLE_AD or AD_CONNECTOR.
    directory_type: String,
    subnet_ids: Vec<String>,
    dns_ip_addresses: Vec<String>,
    customer_user_name: String,
    /// Directory Service's stage: only an `Active` directory can be registered.
    pub(super) stage: String,
}

/// Directory Service's view of the seeded AD directories, and two more that
/// are not registered: one Active, one still being created. Drawn from a
/// source of its own so that the rest of the fleet stays as it was.
pub(super) fn seed_directory_service(state: &mut WorkspacesState, seed: u64) {
    let mut rng = SplitMix::new(seed ^ 0x0D1E_C701_05E7_0001);
    let registered: Vec<(String, AdDirectory)> = state
        .directories
        .values()
        .filter(|d| d.directory_id.starts_with("d-"))
        .map(|d| {
            let entry = AdDirectory {
                name: d.directory_name.clone(),
                alias: d.alias.clone(),
                directory_type: d.directory_type.clone(),
                subnet_ids: d.subnet_ids.clone(),
                dns_ip_addresses: d.dns_ip_addresses.clone(),
                customer_user_name: d.customer_user_name.clone(),
                stage: "Active".to_owned(),
            };
            (d.directory_id.clone(), entry)
        })
        .collect();
    let service = &mut state.registry.directory_service;
    service.extend(registered);
    for (index, (name, alias, stage)) in [
        ("branch.example.com", "branch-example", "Active"),
        ("lab.example.com", "lab-example", "Creating"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("d-9067{}", rng.chars(HEX, 6));
        let subnet = |rng: &mut SplitMix| format!("subnet-{}", rng.chars(HEX, 17));
        let entry = AdDirectory {
            name: name.to_owned(),
            alias: alias.to_owned(),
            directory_type: "AD_CONNECTOR".to_owned(),
            subnet_ids: vec![subnet(&mut rng), subnet(&mut rng)],
            dns_ip_addresses: vec![format!("10.9{index}.0.10"), format!("10.9{index}.1.10")],
            customer_user_name: "Administrator".to_owned(),
            stage: stage.to_owned(),
        };
        service.insert(id, entry);
    }
}

/// The members of RegisterWorkspaceDirectory that make a `wsd-` directory.
struct NewDirectory<'a> {
    name: &'a str,
    description: Option<&'a str>,
    identity: &'a str,
    workspace_type: &'a str,
    idc_instance_arn: Option<&'a str>,
    entra: Option<MicrosoftEntraConfig>,
    active_directory: Option<ActiveDirectoryConfig>,
}

impl WorkspacesState {
    pub(super) fn describe_workspace_directories(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_ids = input.id_list("DirectoryIds", &DIRECTORY_ID)?;
        let names = input.strings("WorkspaceDirectoryNames")?;
        let size = page_size(input, "Limit", 25, DEFAULT_PAGE)?;
        let listing = Listing::start("Directories", input.str("NextToken")?)?;
        let entries = listing.entries(&self.directories).filter(|(_, directory)| {
            directory_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&directory.directory_id.as_str()))
                && names.as_ref().is_none_or(|names| {
                    // A wsd- directory is named by its WorkspaceDirectoryName.
                    names.contains(&directory.directory_name.as_str())
                        || directory
                            .workspace_directory_name
                            .as_deref()
                            .is_some_and(|name| names.contains(&name))
                })
        });
        listing.page(entries, size)
    }

    /// Moves each registration that is due to REGISTERED; when the next is due.
    pub(super) fn advance_directories(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut still_due = None;
        let directories = &mut self.directories;
        self.registry.registrations.retain(|id, schedule| {
            if let Some(directory) = directories.get_mut(id) {
                advance_schedule(schedule, now, |state, _| directory.state = state);
            }
            still_due = earliest(still_due, schedule.next_due());
            !schedule.is_empty()
        });
        still_due
    }

    /// RegisterWorkspaceDirectory: asynchronous; the directory is
    /// REGISTERING, then REGISTERED one transition later.
    pub(super) fn register_workspace_directory(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.id("DirectoryId", &DIRECTORY_ID)?;
        let subnets = input.strings("SubnetIds")?;
        if let Some(subnets) = &subnets {
            let path = input.path_of("SubnetIds");
            check_count(&path, subnets.len(), 0, 2)?;
            for (index, subnet) in subnets.iter().enumerate() {
                check_pattern(
                    &format!("{path}.{}.member", index + 1),
                    subnet,
                    pattern::SUBNET_ID,
                )?;
            }
        }
        let self_service = input.bool("EnableSelfService")?.unwrap_or(false);
        let tenancy = input.str("Tenancy")?;
        if let Some(tenancy) = tenancy {
            check_enum(&input.path_of("Tenancy"), tenancy, &["DEDICATED", "SHARED"])?;
        }
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();
        let name = patterned(input, "WorkspaceDirectoryName", pattern::DIRECTORY_NAME)?;
        let description = patterned(
            input,
            "WorkspaceDirectoryDescription",
            pattern::DIRECTORY_DESCRIPTION,
        )?;
        let identity = input.str("UserIdentityType")?;
        if let Some(identity) = identity {
            check_enum(
                &input.path_of("UserIdentityType"),
                identity,
                &[
                    "CUSTOMER_MANAGED",
                    "AWS_DIRECTORY_SERVICE",
                    "AWS_IAM_IDENTITY_CENTER",
                ],
            )?;
        }
        let idc_instance_arn = patterned(input, "IdcInstanceArn", pattern::ARN)?;
        let entra = match input.object("MicrosoftEntraConfig")? {
            None => None,
            Some(config) => Some(MicrosoftEntraConfig {
                tenant_id: patterned(&config, "TenantId", pattern::ENTRA_TENANT_ID)?
                    .map(str::to_owned),
                application_config_secret_arn: patterned(
                    &config,
                    "ApplicationConfigSecretArn",
                    pattern::SECRETS_MANAGER_ARN,
                )?
                .map(str::to_owned),
            }),
        };
        let workspace_type = input.str("WorkspaceType")?;
        if let Some(kind) = workspace_type {
            check_enum(
                &input.path_of("WorkspaceType"),
                kind,
                &["PERSONAL", "POOLS"],
            )?;
        }
        let active_directory = match input.object("ActiveDirectoryConfig")? {
            None => None,
            Some(config) => {
                let domain = config.required_str("DomainName")?;
                check_pattern(&config.path_of("DomainName"), domain, pattern::DOMAIN_NAME)?;
                let secret = config.required_str("ServiceAccountSecretArn")?;
                check_pattern(
                    &config.path_of("ServiceAccountSecretArn"),
                    secret,
                    pattern::SECRETS_MANAGER_ARN,
                )?;
                Some(ActiveDirectoryConfig {
                    domain_name: domain.to_owned(),
                    service_account_secret_arn: secret.to_owned(),
                })
            }
        };
        if let Some(subnets) = &subnets
            && !subnets.is_empty()
            && (subnets.len() != 2 || subnets[0] == subnets[1])
        {
            return Err(WsError::not_supported(
                "Two subnets in separate Availability Zones are needed.",
            ));
        }

        let mut directory = match directory_id {
            Some(directory_id) => {
                let wsd_only = [
                    ("WorkspaceDirectoryName", name.is_some()),
                    ("IdcInstanceArn", idc_instance_arn.is_some()),
                    ("MicrosoftEntraConfig", entra.is_some()),
                    ("ActiveDirectoryConfig", active_directory.is_some()),
                ];
                if let Some((member, _)) = wsd_only.iter().find(|(_, given)| *given) {
                    return Err(WsError::invalid_parameter(format!(
                        "{member} cannot be given with a DirectoryId: it describes a directory WorkSpaces creates."
                    )));
                }
                if identity.is_some_and(|identity| identity != "AWS_DIRECTORY_SERVICE") {
                    return Err(WsError::invalid_parameter(
                        "A Directory Service directory has the AWS_DIRECTORY_SERVICE user identity type.",
                    ));
                }
                if workspace_type == Some("POOLS") {
                    return Err(WsError::invalid_parameter(
                        "WorkSpaces Pools directories are created by WorkSpaces; give no DirectoryId.",
                    ));
                }
                self.ad_directory(directory_id, subnets.as_deref())?
            }
            None => {
                let identity = identity.ok_or_else(|| {
                    WsError::invalid_parameter(
                        "UserIdentityType is required when no DirectoryId is given.",
                    )
                })?;
                let name = name.ok_or_else(|| {
                    WsError::invalid_parameter(
                        "WorkspaceDirectoryName is required when no DirectoryId is given.",
                    )
                })?;
                let subnets = subnets.as_deref().unwrap_or_default();
                if subnets.is_empty() {
                    return Err(WsError::invalid_parameter(
                        "SubnetIds are required when no DirectoryId is given.",
                    ));
                }
                let new = NewDirectory {
                    name,
                    description,
                    identity,
                    workspace_type: workspace_type.unwrap_or(match identity {
                        "CUSTOMER_MANAGED" => "POOLS",
                        _ => "PERSONAL",
                    }),
                    idc_instance_arn,
                    entra,
                    active_directory,
                };
                self.workspaces_directory(new, subnets)?
            }
        };
        directory.tenancy = tenancy.unwrap_or("SHARED").to_owned();
        if self_service {
            directory.selfservice_permissions = SelfservicePermissions {
                restart_workspace: "ENABLED".to_owned(),
                increase_volume_size: "ENABLED".to_owned(),
                change_compute_type: "ENABLED".to_owned(),
                switch_running_mode: "ENABLED".to_owned(),
                rebuild_workspace: "ENABLED".to_owned(),
            };
        }
        directory.workspace_security_group_id = format!("sg-{}", self.id_source.chars(HEX, 17));
        directory.registration_code = format!(
            "SLiad+{}",
            self.id_source.chars(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6)
        );
        directory.state = "REGISTERING".to_owned();
        let id = directory.directory_id.clone();
        self.registry.registrations.insert(
            id.clone(),
            Schedule::new(vec![ScheduledState {
                at: clock.after(1),
                state: Some("REGISTERED".to_owned()),
            }]),
        );
        if !tags.is_empty() {
            self.tags.insert(id.clone(), tags);
        }
        self.directories.insert(id.clone(), directory);
        Ok(json!({"DirectoryId": id, "State": "REGISTERING"}))
    }

    /// A Directory Service directory, as it registers: its own subnets
    /// unless others are given.
    fn ad_directory(
        &self,
        directory_id: &str,
        subnets: Option<&[&str]>,
    ) -> Result<Directory, WsError> {
        if !directory_id.starts_with("d-") {
            return Err(WsError::invalid_parameter(format!(
                "{directory_id} is a WorkSpaces directory ID; register a Directory Service directory (d-...) or give none."
            )));
        }
        if self.directories.contains_key(directory_id) {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("The directory {directory_id} is already registered."),
            ));
        }
        let ad = self
            .registry
            .directory_service
            .get(directory_id)
            .ok_or_else(|| {
                WsError::not_found(format!("The directory {directory_id} could not be found."))
            })?;
        if ad.stage != "Active" {
            return Err(WsError::invalid_state(format!(
                "The directory {directory_id} is {}; only an Active directory can be registered.",
                ad.stage
            )));
        }
        let subnet_ids = match subnets {
            Some(subnets) if !subnets.is_empty() => {
                subnets.iter().map(|s| (*s).to_owned()).collect()
            }
            _ => ad.subnet_ids.clone(),
        };
        Ok(blank_directory(
            directory_id.to_owned(),
            &ad.alias,
            &ad.name,
            &ad.directory_type,
            subnet_ids,
            ad.dns_ip_addresses.clone(),
            &ad.customer_user_name,
        ))
    }

    /// A directory WorkSpaces creates (`wsd-…`), for WorkSpaces Pools
    /// (customer-managed identities) or WorkSpaces Personal with IAM
    /// Identity Center.
    fn workspaces_directory(
        &mut self,
        new: NewDirectory,
        subnets: &[&str],
    ) -> Result<Directory, WsError> {
        match (new.identity, new.workspace_type) {
            ("AWS_DIRECTORY_SERVICE", _) => {
                return Err(WsError::invalid_parameter(
                    "The AWS_DIRECTORY_SERVICE user identity type needs a DirectoryId.",
                ));
            }
            ("AWS_IAM_IDENTITY_CENTER", "PERSONAL") => {
                if new.idc_instance_arn.is_none() {
                    return Err(WsError::invalid_parameter(
                        "IdcInstanceArn is required for the AWS_IAM_IDENTITY_CENTER user identity type.",
                    ));
                }
                if new.active_directory.is_some() {
                    return Err(WsError::invalid_parameter(
                        "ActiveDirectoryConfig applies to WorkSpaces Pools directories.",
                    ));
                }
            }
            ("CUSTOMER_MANAGED", "POOLS") => {
                if new.idc_instance_arn.is_some() || new.entra.is_some() {
                    return Err(WsError::invalid_parameter(
                        "IdcInstanceArn and MicrosoftEntraConfig apply to the AWS_IAM_IDENTITY_CENTER user identity type.",
                    ));
                }
            }
            (identity, kind) => {
                return Err(WsError::invalid_parameter(format!(
                    "The {identity} user identity type does not go with {kind} WorkSpaces."
                )));
            }
        }
        if self
            .directories
            .values()
            .any(|d| d.workspace_directory_name.as_deref() == Some(new.name))
        {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("A directory named {} already exists.", new.name),
            ));
        }
        let directories = &self.directories;
        let id = self
            .id_source
            .fresh_id("wsd-", 9, |id| directories.contains_key(id));
        let directory_name = new
            .active_directory
            .as_ref()
            .map_or(new.name, |ad| ad.domain_name.as_str())
            .to_owned();
        let directory_type = match new.identity {
            "CUSTOMER_MANAGED" => "CUSTOMER_MANAGED",
            _ => "AWS_IAM_IDENTITY_CENTER",
        };
        let mut directory = blank_directory(
            id.clone(),
            new.name,
            &directory_name,
            directory_type,
            subnets.iter().map(|s| (*s).to_owned()).collect(),
            Vec::new(),
            "",
        );
        directory.workspace_directory_name = Some(new.name.to_owned());
        directory.user_identity_type = Some(new.identity.to_owned());
        directory.workspace_type = Some(new.workspace_type.to_owned());
        directory.settings.workspace_directory_description = new.description.map(str::to_owned);
        directory.settings.idc_config = new.idc_instance_arn.map(|instance| IdcConfig {
            instance_arn: instance.to_owned(),
            application_arn: format!(
                "arn:aws:sso::{ACCOUNT_ID}:application/ssoins-{}/apl-{}",
                self.id_source.chars(HEX, 16),
                self.id_source.chars(HEX, 16)
            ),
        });
        directory.settings.microsoft_entra_config = new.entra;
        directory.settings.active_directory_config = new.active_directory;
        Ok(directory)
    }
}

/// A newly registered directory with the service's defaults.
fn blank_directory(
    directory_id: String,
    alias: &str,
    name: &str,
    directory_type: &str,
    subnet_ids: Vec<String>,
    dns_ip_addresses: Vec<String>,
    customer_user_name: &str,
) -> Directory {
    let allow = || "ALLOW".to_owned();
    Directory {
        directory_id,
        alias: alias.to_owned(),
        directory_name: name.to_owned(),
        registration_code: String::new(),
        subnet_ids,
        dns_ip_addresses,
        customer_user_name: customer_user_name.to_owned(),
        iam_role_id: format!("arn:aws:iam::{ACCOUNT_ID}:role/workspaces_DefaultRole"),
        directory_type: directory_type.to_owned(),
        workspace_security_group_id: String::new(),
        state: "REGISTERING".to_owned(),
        workspace_creation_properties: CreationProperties {
            enable_internet_access: false,
            default_ou: String::new(),
            custom_security_group_id: String::new(),
            user_enabled_as_local_administrator: true,
            enable_maintenance_mode: true,
            instance_iam_role_arn: None,
        },
        ip_group_ids: Vec::new(),
        workspace_access_properties: AccessProperties {
            device_type_windows: allow(),
            device_type_osx: allow(),
            device_type_web: "DENY".to_owned(),
            device_type_ios: allow(),
            device_type_android: allow(),
            device_type_chrome_os: allow(),
            device_type_zero_client: allow(),
            device_type_linux: "DENY".to_owned(),
            device_type_work_spaces_thin_client: "DENY".to_owned(),
            access_endpoint_config: None,
        },
        tenancy: "SHARED".to_owned(),
        selfservice_permissions: SelfservicePermissions {
            restart_workspace: "ENABLED".to_owned(),
            increase_volume_size: "DISABLED".to_owned(),
            change_compute_type: "DISABLED".to_owned(),
            switch_running_mode: "DISABLED".to_owned(),
            rebuild_workspace: "DISABLED".to_owned(),
        },
        workspace_directory_name: None,
        user_identity_type: Some("AWS_DIRECTORY_SERVICE".to_owned()),
        workspace_type: Some("PERSONAL".to_owned()),
        settings: DirectorySettings::default(),
    }
}
