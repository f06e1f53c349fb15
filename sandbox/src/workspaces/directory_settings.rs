//! Changing a registered directory: each of its property sets
//! (self-service, access, creation, streaming, SAML, certificate-based
//! authentication, client, endpoint encryption), and deregistering it.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{
    DIRECTORY_ID, Input, check_count, check_enum, check_enums, check_length, constraint_failure,
    missing,
};
use super::model::Directory;
use super::{Clock, WorkspacesState};

const ENABLED_OR_DISABLED: &[&str] = &["ENABLED", "DISABLED"];
const ALLOW_OR_DENY: &[&str] = &["ALLOW", "DENY"];

/// The parts of a directory's description beyond the first API version's:
/// flattened into [`Directory`], so each is a top-level member of
/// DescribeWorkspaceDirectories' answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DirectorySettings {
    #[serde(default)]
    pub saml_properties: SamlProperties,
    #[serde(default)]
    pub certificate_based_auth_properties: CertificateBasedAuthProperties,
    #[serde(default = "standard_tls")]
    pub endpoint_encryption_mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming_properties: Option<StreamingProperties>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_directory_description: Option<String>,
    #[serde(rename = "IDCConfig", default, skip_serializing_if = "Option::is_none")]
    pub idc_config: Option<IdcConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_directory_config: Option<ActiveDirectoryConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_entra_config: Option<MicrosoftEntraConfig>,
}

fn standard_tls() -> String {
    "STANDARD_TLS".to_owned()
}

impl Default for DirectorySettings {
    fn default() -> Self {
        Self {
            saml_properties: SamlProperties::default(),
            certificate_based_auth_properties: CertificateBasedAuthProperties::default(),
            endpoint_encryption_mode: standard_tls(),
            streaming_properties: None,
            workspace_directory_description: None,
            idc_config: None,
            active_directory_config: None,
            microsoft_entra_config: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SamlProperties {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_access_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_state_parameter_name: Option<String>,
}

impl Default for SamlProperties {
    fn default() -> Self {
        Self {
            status: "DISABLED".to_owned(),
            user_access_url: None,
            relay_state_parameter_name: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateBasedAuthProperties {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_authority_arn: Option<String>,
}

impl Default for CertificateBasedAuthProperties {
    fn default() -> Self {
        Self {
            status: "DISABLED".to_owned(),
            certificate_authority_arn: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StreamingProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming_experience_preferred_protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_settings: Option<Vec<UserSetting>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_connectors: Option<Vec<StorageConnector>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_accelerator: Option<GlobalAccelerator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserSetting {
    pub action: String,
    pub permission: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_length: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StorageConnector {
    pub connector_type: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalAccelerator {
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_protocol: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdcConfig {
    pub instance_arn: String,
    pub application_arn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ActiveDirectoryConfig {
    pub domain_name: String,
    pub service_account_secret_arn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MicrosoftEntraConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_config_secret_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessEndpointConfig {
    pub access_endpoints: Vec<AccessEndpoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_fallback_protocols: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessEndpoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_endpoint_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_id: Option<String>,
}

/// DescribeClientProperties' answer for one directory; a directory whose
/// client properties were never changed has both enabled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientProperties {
    pub reconnect_enabled: String,
    pub log_upload_enabled: String,
}

impl Default for ClientProperties {
    fn default() -> Self {
        Self {
            reconnect_enabled: "ENABLED".to_owned(),
            log_upload_enabled: "ENABLED".to_owned(),
        }
    }
}

/// The model's patterns the sandbox checks here (full matches).
pub(super) mod pattern {
    pub const ARN: &str = r"^arn:aws[a-z-]{0,7}:[A-Za-z0-9][A-za-z0-9_/.-]{0,62}:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$";
    pub const SECRETS_MANAGER_ARN: &str = r"^arn:aws[a-z-]{0,7}:secretsmanager:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:secret:[A-Za-z0-9][A-za-z0-9_/.-]{8,519}$";
    pub const CERTIFICATE_AUTHORITY_ARN: &str =
        r"^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:[\w+=/,.@-]*:[0-9]*:[\w+=,.@-]+(/[\w+=,.@-]+)*$";
    pub const SECURITY_GROUP_ID: &str = r"^(sg-([0-9a-f]{8}|[0-9a-f]{17}))$";
    pub const SAML_USER_ACCESS_URL: &str = r"^(http|https)://\S+$";
    pub const VPC_ENDPOINT_ID: &str = r"^[a-zA-Z0-9\_\-]{1,1000}$";
    pub const SUBNET_ID: &str = r"^(subnet-([0-9a-f]{8}|[0-9a-f]{17}))$";
    pub const DIRECTORY_NAME: &str = r"^[a-zA-Z0-9][a-zA-Z0-9_.\s-]{1,64}$";
    pub const DIRECTORY_DESCRIPTION: &str = r"^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./!\s-]{1,255}$";
    pub const DOMAIN_NAME: &str = r"^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$";
    pub const ENTRA_TENANT_ID: &str = r"^[a-zA-Z0-9-]{1,100}$";
}

/// Checks `value` against one of the model's patterns, with the service's
/// message. A pattern of [`pattern`] that does not compile matches nothing.
pub(super) fn check_pattern(path: &str, value: &str, pattern: &str) -> Result<(), WsError> {
    let matches = regex_lite::Regex::new(pattern).is_ok_and(|re| re.is_match(value));
    if matches {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            &format!("Member must satisfy regular expression pattern: {pattern}"),
        ))
    }
}

/// An optional string member checked against a pattern.
pub(super) fn patterned<'a>(
    input: &Input<'a>,
    name: &str,
    pattern: &str,
) -> Result<Option<&'a str>, WsError> {
    let value = input.str(name)?;
    if let Some(value) = value {
        check_pattern(&input.path_of(name), value, pattern)?;
    }
    Ok(value)
}

/// An optional enum member.
fn enumerated<'a>(
    input: &Input<'a>,
    name: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, WsError> {
    let value = input.str(name)?;
    if let Some(value) = value {
        check_enum(&input.path_of(name), value, allowed)?;
    }
    Ok(value)
}

/// A required structure member.
fn required_object<'a>(input: &Input<'a>, name: &str) -> Result<Input<'a>, WsError> {
    input
        .object(name)?
        .ok_or_else(|| missing(&input.path_of(name)))
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_owned)
}

impl WorkspacesState {
    fn directory_mut(&mut self, directory_id: &str) -> Result<&mut Directory, WsError> {
        self.directories.get_mut(directory_id).ok_or_else(|| {
            WsError::not_found(format!("The directory {directory_id} could not be found."))
        })
    }

    pub(super) fn modify_selfservice_permissions(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let permissions = required_object(input, "SelfservicePermissions")?;
        let mut changes = Vec::new();
        for member in [
            "RestartWorkspace",
            "IncreaseVolumeSize",
            "ChangeComputeType",
            "SwitchRunningMode",
            "RebuildWorkspace",
        ] {
            if let Some(value) = enumerated(&permissions, member, ENABLED_OR_DISABLED)? {
                changes.push((member, value.to_owned()));
            }
        }
        let directory = self.directory_mut(directory_id)?;
        let current = &mut directory.selfservice_permissions;
        for (member, value) in changes {
            let slot = match member {
                "RestartWorkspace" => &mut current.restart_workspace,
                "IncreaseVolumeSize" => &mut current.increase_volume_size,
                "ChangeComputeType" => &mut current.change_compute_type,
                "SwitchRunningMode" => &mut current.switch_running_mode,
                _ => &mut current.rebuild_workspace,
            };
            *slot = value;
        }
        Ok(json!({}))
    }

    /// ModifyWorkspaceAccessProperties: which device types may connect,
    /// each given member changed, the others kept.
    pub(super) fn modify_workspace_access_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let properties = required_object(input, "WorkspaceAccessProperties")?;
        let mut changes = Vec::new();
        for member in [
            "DeviceTypeWindows",
            "DeviceTypeOsx",
            "DeviceTypeWeb",
            "DeviceTypeIos",
            "DeviceTypeAndroid",
            "DeviceTypeChromeOs",
            "DeviceTypeZeroClient",
            "DeviceTypeLinux",
            "DeviceTypeWorkSpacesThinClient",
        ] {
            if let Some(value) = enumerated(&properties, member, ALLOW_OR_DENY)? {
                changes.push((member, value.to_owned()));
            }
        }
        let endpoint_config = match properties.object("AccessEndpointConfig")? {
            Some(config) => Some(access_endpoint_config(&config)?),
            None => None,
        };
        let directory = self.directory_mut(directory_id)?;
        let access = &mut directory.workspace_access_properties;
        for (member, value) in changes {
            let slot = match member {
                "DeviceTypeWindows" => &mut access.device_type_windows,
                "DeviceTypeOsx" => &mut access.device_type_osx,
                "DeviceTypeWeb" => &mut access.device_type_web,
                "DeviceTypeIos" => &mut access.device_type_ios,
                "DeviceTypeAndroid" => &mut access.device_type_android,
                "DeviceTypeChromeOs" => &mut access.device_type_chrome_os,
                "DeviceTypeZeroClient" => &mut access.device_type_zero_client,
                "DeviceTypeLinux" => &mut access.device_type_linux,
                _ => &mut access.device_type_work_spaces_thin_client,
            };
            *slot = value;
        }
        if endpoint_config.is_some() {
            access.access_endpoint_config = endpoint_config;
        }
        Ok(json!({}))
    }

    /// ModifyWorkspaceCreationProperties: what new WorkSpaces of the
    /// directory get; each given member changed.
    pub(super) fn modify_workspace_creation_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let properties = required_object(input, "WorkspaceCreationProperties")?;
        let internet = properties.bool("EnableInternetAccess")?;
        let default_ou = properties.str("DefaultOu")?;
        let security_group = patterned(
            &properties,
            "CustomSecurityGroupId",
            pattern::SECURITY_GROUP_ID,
        )?;
        if let Some(group) = security_group {
            check_length(&properties.path_of("CustomSecurityGroupId"), group, 11, 20)?;
        }
        let local_admin = properties.bool("UserEnabledAsLocalAdministrator")?;
        let maintenance = properties.bool("EnableMaintenanceMode")?;
        let role = patterned(&properties, "InstanceIamRoleArn", pattern::ARN)?;
        if let Some(ou) = default_ou
            && !ou.is_empty()
            && !ou.split(',').all(|part| part.contains('='))
        {
            return Err(WsError::invalid_parameter(format!(
                "The default OU '{ou}' is not a distinguished name (OU=...,DC=...)."
            )));
        }
        let directory = self.directory_mut(directory_id)?;
        let creation = &mut directory.workspace_creation_properties;
        if let Some(value) = internet {
            creation.enable_internet_access = value;
        }
        if let Some(value) = default_ou {
            creation.default_ou = value.to_owned();
        }
        if let Some(value) = security_group {
            creation.custom_security_group_id = value.to_owned();
        }
        if let Some(value) = local_admin {
            creation.user_enabled_as_local_administrator = value;
        }
        if let Some(value) = maintenance {
            creation.enable_maintenance_mode = value;
        }
        if let Some(value) = role {
            creation.instance_iam_role_arn = Some(value.to_owned());
        }
        Ok(json!({}))
    }

    /// ModifyStreamingProperties: each given member replaces the one kept.
    /// User settings and storage connectors are WorkSpaces Pools settings.
    pub(super) fn modify_streaming_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let given = match input.object("StreamingProperties")? {
            Some(properties) => streaming_properties(&properties)?,
            None => StreamingProperties::default(),
        };
        let directory = self.directory_mut(directory_id)?;
        let pools = directory.workspace_type.as_deref() == Some("POOLS");
        if !pools && (given.user_settings.is_some() || given.storage_connectors.is_some()) {
            return Err(WsError::not_supported(format!(
                "User settings and storage connectors apply to WorkSpaces Pools directories; {directory_id} is not one."
            )));
        }
        let kept = directory
            .settings
            .streaming_properties
            .get_or_insert_with(StreamingProperties::default);
        if given.streaming_experience_preferred_protocol.is_some() {
            kept.streaming_experience_preferred_protocol =
                given.streaming_experience_preferred_protocol;
        }
        if given.user_settings.is_some() {
            kept.user_settings = given.user_settings;
        }
        if given.storage_connectors.is_some() {
            kept.storage_connectors = given.storage_connectors;
        }
        if given.global_accelerator.is_some() {
            kept.global_accelerator = given.global_accelerator;
        }
        Ok(json!({}))
    }

    /// ModifySamlProperties: SAML 2.0 sign-in needs a user access URL once
    /// enabled; a property is set or deleted, never both at once.
    pub(super) fn modify_saml_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let (status, url, relay) = match input.object("SamlProperties")? {
            Some(saml) => {
                let status = enumerated(
                    &saml,
                    "Status",
                    &[
                        "DISABLED",
                        "ENABLED",
                        "ENABLED_WITH_DIRECTORY_LOGIN_FALLBACK",
                    ],
                )?;
                let url = patterned(&saml, "UserAccessUrl", pattern::SAML_USER_ACCESS_URL)?;
                if let Some(url) = url {
                    check_length(&saml.path_of("UserAccessUrl"), url, 8, 200)?;
                }
                let relay = saml.str("RelayStateParameterName")?;
                if let Some(relay) = relay {
                    check_length(
                        &saml.path_of("RelayStateParameterName"),
                        relay,
                        1,
                        usize::MAX,
                    )?;
                }
                (status, url, relay)
            }
            None => (None, None, None),
        };
        let deleted = input.strings("PropertiesToDelete")?.unwrap_or_default();
        check_enums(
            &input.path_of("PropertiesToDelete"),
            &deleted,
            &[
                "SAML_PROPERTIES_USER_ACCESS_URL",
                "SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME",
            ],
        )?;
        let delete_url = deleted.contains(&"SAML_PROPERTIES_USER_ACCESS_URL");
        let delete_relay = deleted.contains(&"SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME");
        if (delete_url && url.is_some()) || (delete_relay && relay.is_some()) {
            return Err(WsError::invalid_parameter(
                "A SAML property cannot be both set and deleted in one request.",
            ));
        }
        let directory = self.directory_mut(directory_id)?;
        let mut saml = directory.settings.saml_properties.clone();
        if let Some(status) = status {
            saml.status = status.to_owned();
        }
        if url.is_some() {
            saml.user_access_url = owned(url);
        }
        if relay.is_some() {
            saml.relay_state_parameter_name = owned(relay);
        }
        if delete_url {
            saml.user_access_url = None;
        }
        if delete_relay {
            saml.relay_state_parameter_name = None;
        }
        if saml.status != "DISABLED" && saml.user_access_url.is_none() {
            return Err(WsError::invalid_parameter(
                "SAML 2.0 authentication cannot be enabled without a user access URL.",
            ));
        }
        if saml.status == "DISABLED"
            && directory.settings.certificate_based_auth_properties.status == "ENABLED"
        {
            return Err(WsError::not_supported(
                "SAML 2.0 authentication cannot be disabled while certificate-based authentication is enabled.",
            ));
        }
        directory.settings.saml_properties = saml;
        Ok(json!({}))
    }

    /// ModifyCertificateBasedAuthProperties: enabling it needs a private
    /// certificate authority and SAML 2.0 sign-in already enabled.
    pub(super) fn modify_certificate_based_auth_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        let (status, authority) = match input.object("CertificateBasedAuthProperties")? {
            Some(properties) => {
                let status = enumerated(&properties, "Status", &["DISABLED", "ENABLED"])?;
                let authority = properties.str("CertificateAuthorityArn")?;
                if let Some(arn) = authority {
                    let path = properties.path_of("CertificateAuthorityArn");
                    check_length(&path, arn, 5, 200)?;
                    check_pattern(&path, arn, pattern::CERTIFICATE_AUTHORITY_ARN)?;
                }
                (status, authority)
            }
            None => (None, None),
        };
        let deleted = input.strings("PropertiesToDelete")?.unwrap_or_default();
        check_enums(
            &input.path_of("PropertiesToDelete"),
            &deleted,
            &["CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN"],
        )?;
        let delete_authority = !deleted.is_empty();
        if delete_authority && authority.is_some() {
            return Err(WsError::invalid_parameter(
                "The certificate authority cannot be both set and deleted in one request.",
            ));
        }
        let directory = self.directory_mut(directory_id)?;
        let mut properties = directory.settings.certificate_based_auth_properties.clone();
        if let Some(status) = status {
            properties.status = status.to_owned();
        }
        if authority.is_some() {
            properties.certificate_authority_arn = owned(authority);
        }
        if delete_authority {
            properties.certificate_authority_arn = None;
        }
        if properties.status == "ENABLED" {
            if properties.certificate_authority_arn.is_none() {
                return Err(WsError::invalid_parameter(
                    "Certificate-based authentication cannot be enabled without a certificate authority ARN.",
                ));
            }
            if directory.settings.saml_properties.status == "DISABLED" {
                return Err(WsError::not_supported(format!(
                    "Certificate-based authentication needs SAML 2.0 authentication enabled on {directory_id}."
                )));
            }
        }
        directory.settings.certificate_based_auth_properties = properties;
        Ok(json!({}))
    }

    /// ModifyEndpointEncryptionMode: standard TLS or FIPS 140-2 validated.
    pub(super) fn modify_endpoint_encryption_mode(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("DirectoryId", &DIRECTORY_ID)?;
        let mode = input.required_str("EndpointEncryptionMode")?;
        check_enum(
            &input.path_of("EndpointEncryptionMode"),
            mode,
            &["STANDARD_TLS", "FIPS_VALIDATED"],
        )?;
        let directory = self.directory_mut(directory_id)?;
        directory.settings.endpoint_encryption_mode = mode.to_owned();
        Ok(json!({}))
    }

    /// ModifyClientProperties: reconnection and log upload of the clients
    /// of one directory.
    pub(super) fn modify_client_properties(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let resource_id = input.required_str("ResourceId")?;
        check_length(&input.path_of("ResourceId"), resource_id, 1, usize::MAX)?;
        let properties = required_object(input, "ClientProperties")?;
        let reconnect = enumerated(&properties, "ReconnectEnabled", ENABLED_OR_DISABLED)?;
        let log_upload = enumerated(&properties, "LogUploadEnabled", ENABLED_OR_DISABLED)?;
        self.directory_mut(resource_id)?;
        let kept = self
            .registry
            .client_properties
            .entry(resource_id.to_owned())
            .or_default();
        if let Some(value) = reconnect {
            kept.reconnect_enabled = value.to_owned();
        }
        if let Some(value) = log_upload {
            kept.log_upload_enabled = value.to_owned();
        }
        Ok(json!({}))
    }

    /// DescribeClientProperties: 1 to 25 directories, each known.
    pub(super) fn describe_client_properties(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let path = input.path_of("ResourceIds");
        let ids = input
            .strings("ResourceIds")?
            .ok_or_else(|| missing(&path))?;
        check_count(&path, ids.len(), 1, 25)?;
        let mut list = Vec::with_capacity(ids.len());
        for (index, id) in ids.iter().enumerate() {
            check_length(&format!("{path}.{}.member", index + 1), id, 1, usize::MAX)?;
            if !self.directories.contains_key(*id) {
                return Err(WsError::not_found(format!(
                    "The resource {id} could not be found."
                )));
            }
            let properties = self
                .registry
                .client_properties
                .get(*id)
                .cloned()
                .unwrap_or_default();
            list.push(json!({"ResourceId": id, "ClientProperties": properties}));
        }
        Ok(json!({"ClientPropertiesList": list}))
    }

    pub(super) fn deregister_workspace_directory(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_id("DirectoryId", &DIRECTORY_ID)?;
        self.directory_mut(directory_id)?;
        let in_use = self
            .workspaces
            .values()
            .filter(|record| record.workspace.directory_id == directory_id)
            .count();
        if in_use > 0 {
            return Err(WsError::invalid_state(format!(
                "The directory {directory_id} has {in_use} WorkSpaces; remove them before deregistering it."
            )));
        }
        self.directories.remove(directory_id);
        self.tags.remove(directory_id);
        self.registry.forget(directory_id);
        Ok(json!({}))
    }
}

fn access_endpoint_config(config: &Input) -> Result<AccessEndpointConfig, WsError> {
    let endpoints = config
        .objects("AccessEndpoints")?
        .ok_or_else(|| missing(&config.path_of("AccessEndpoints")))?;
    let access_endpoints = endpoints
        .iter()
        .map(|endpoint| {
            Ok(AccessEndpoint {
                access_endpoint_type: owned(enumerated(
                    endpoint,
                    "AccessEndpointType",
                    &["STREAMING_WSP"],
                )?),
                vpc_endpoint_id: owned(patterned(
                    endpoint,
                    "VpcEndpointId",
                    pattern::VPC_ENDPOINT_ID,
                )?),
            })
        })
        .collect::<Result<Vec<_>, WsError>>()?;
    let fallback = config.strings("InternetFallbackProtocols")?;
    if let Some(protocols) = &fallback {
        check_enums(
            &config.path_of("InternetFallbackProtocols"),
            protocols,
            &["PCOIP"],
        )?;
    }
    Ok(AccessEndpointConfig {
        access_endpoints,
        internet_fallback_protocols: fallback
            .map(|protocols| protocols.into_iter().map(str::to_owned).collect()),
    })
}

fn streaming_properties(properties: &Input) -> Result<StreamingProperties, WsError> {
    let protocol = enumerated(
        properties,
        "StreamingExperiencePreferredProtocol",
        &["TCP", "UDP"],
    )?;
    let user_settings = match properties.objects("UserSettings")? {
        None => None,
        Some(settings) => {
            check_count(
                &properties.path_of("UserSettings"),
                settings.len(),
                1,
                usize::MAX,
            )?;
            let mut seen = Vec::new();
            let mut parsed = Vec::new();
            for setting in &settings {
                let action = setting.required_str("Action")?;
                check_enum(
                    &setting.path_of("Action"),
                    action,
                    &[
                        "CLIPBOARD_COPY_FROM_LOCAL_DEVICE",
                        "CLIPBOARD_COPY_TO_LOCAL_DEVICE",
                        "PRINTING_TO_LOCAL_DEVICE",
                        "SMART_CARD",
                    ],
                )?;
                let permission = setting.required_str("Permission")?;
                check_enum(
                    &setting.path_of("Permission"),
                    permission,
                    ENABLED_OR_DISABLED,
                )?;
                let maximum_length = setting.int("MaximumLength")?;
                if let Some(length) = maximum_length {
                    if length < 0 {
                        return Err(constraint_failure(
                            &setting.path_of("MaximumLength"),
                            &length.to_string(),
                            "Member must have value greater than or equal to 0",
                        ));
                    }
                    if !action.starts_with("CLIPBOARD_") {
                        return Err(WsError::invalid_parameter(format!(
                            "MaximumLength applies to the clipboard actions, not {action}."
                        )));
                    }
                }
                if seen.contains(&action) {
                    return Err(WsError::invalid_parameter(format!(
                        "The user setting {action} is given more than once."
                    )));
                }
                seen.push(action);
                parsed.push(UserSetting {
                    action: action.to_owned(),
                    permission: permission.to_owned(),
                    maximum_length,
                });
            }
            Some(parsed)
        }
    };
    let storage_connectors = match properties.objects("StorageConnectors")? {
        None => None,
        Some(connectors) => {
            check_count(
                &properties.path_of("StorageConnectors"),
                connectors.len(),
                1,
                usize::MAX,
            )?;
            Some(
                connectors
                    .iter()
                    .map(|connector| {
                        let kind = connector.required_str("ConnectorType")?;
                        check_enum(&connector.path_of("ConnectorType"), kind, &["HOME_FOLDER"])?;
                        let status = connector.required_str("Status")?;
                        check_enum(&connector.path_of("Status"), status, ENABLED_OR_DISABLED)?;
                        Ok(StorageConnector {
                            connector_type: kind.to_owned(),
                            status: status.to_owned(),
                        })
                    })
                    .collect::<Result<Vec<_>, WsError>>()?,
            )
        }
    };
    let global_accelerator = match properties.object("GlobalAccelerator")? {
        None => None,
        Some(accelerator) => {
            let mode = accelerator.required_str("Mode")?;
            check_enum(
                &accelerator.path_of("Mode"),
                mode,
                &["ENABLED_AUTO", "DISABLED"],
            )?;
            let preferred = enumerated(&accelerator, "PreferredProtocol", &["TCP", "NONE"])?;
            Some(GlobalAccelerator {
                mode: mode.to_owned(),
                preferred_protocol: owned(preferred),
            })
        }
    };
    Ok(StreamingProperties {
        streaming_experience_preferred_protocol: owned(protocol),
        user_settings,
        storage_connectors,
        global_accelerator,
    })
}
