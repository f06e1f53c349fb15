//! Directories registered with WorkSpaces: DescribeWorkspaceDirectories'
//! fields, each nested property set flattened to dotted columns.

use aws_sdk_workspaces::types::{ClientProperties, WorkspaceDirectory};

use crate::output::{Column, Resource, columns_get as get};

impl Resource for WorkspaceDirectory {
    const KIND: &'static str = "directory";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<WorkspaceDirectory>] = &[
    Column::new("DirectoryId", |d: &WorkspaceDirectory| {
        get::text(d.directory_id())
    })
    .shown("ID"),
    Column::new("Alias", |d: &WorkspaceDirectory| get::text(d.alias())).shown("ALIAS"),
    Column::new("DirectoryName", |d: &WorkspaceDirectory| {
        get::text(d.directory_name())
    })
    .shown("NAME"),
    Column::new("DirectoryType", |d: &WorkspaceDirectory| {
        get::enumeration(d.directory_type())
    })
    .shown("TYPE"),
    Column::new("State", |d: &WorkspaceDirectory| {
        get::enumeration(d.state())
    })
    .shown("STATE"),
    Column::new("WorkspaceDirectoryName", |d: &WorkspaceDirectory| {
        get::text(d.workspace_directory_name())
    }),
    Column::new("WorkspaceDirectoryDescription", |d: &WorkspaceDirectory| {
        get::text(d.workspace_directory_description())
    }),
    Column::new("Tenancy", |d: &WorkspaceDirectory| {
        get::enumeration(d.tenancy())
    })
    .shown("TENANCY"),
    Column::new("WorkspaceType", |d: &WorkspaceDirectory| {
        get::enumeration(d.workspace_type())
    }),
    Column::new("UserIdentityType", |d: &WorkspaceDirectory| {
        get::enumeration(d.user_identity_type())
    }),
    Column::new("RegistrationCode", |d: &WorkspaceDirectory| {
        get::text(d.registration_code())
    }),
    Column::new("SubnetIds", |d: &WorkspaceDirectory| {
        get::list(d.subnet_ids())
    }),
    Column::new("DnsIpAddresses", |d: &WorkspaceDirectory| {
        get::list(d.dns_ip_addresses())
    }),
    Column::new("DnsIpv6Addresses", |d: &WorkspaceDirectory| {
        get::list(d.dns_ipv6_addresses())
    }),
    Column::new("CustomerUserName", |d: &WorkspaceDirectory| {
        get::text(d.customer_user_name())
    }),
    Column::new("IamRoleId", |d: &WorkspaceDirectory| {
        get::text(d.iam_role_id())
    }),
    Column::new("WorkspaceSecurityGroupId", |d: &WorkspaceDirectory| {
        get::text(d.workspace_security_group_id())
    }),
    Column::new("ipGroupIds", |d: &WorkspaceDirectory| {
        get::list(d.ip_group_ids())
    })
    .shown("IP GROUPS"),
    Column::new("EndpointEncryptionMode", |d: &WorkspaceDirectory| {
        get::enumeration(d.endpoint_encryption_mode())
    }),
    Column::new("ErrorMessage", |d: &WorkspaceDirectory| {
        get::text(d.error_message())
    }),
    Column::new(
        "WorkspaceCreationProperties.EnableInternetAccess",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::boolean(p.enable_internet_access()))
        },
    ),
    Column::new(
        "WorkspaceCreationProperties.DefaultOu",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::text(p.default_ou()))
        },
    ),
    Column::new(
        "WorkspaceCreationProperties.CustomSecurityGroupId",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::text(p.custom_security_group_id()))
        },
    ),
    Column::new(
        "WorkspaceCreationProperties.UserEnabledAsLocalAdministrator",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::boolean(p.user_enabled_as_local_administrator()))
        },
    ),
    Column::new(
        "WorkspaceCreationProperties.EnableMaintenanceMode",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::boolean(p.enable_maintenance_mode()))
        },
    ),
    Column::new(
        "WorkspaceCreationProperties.InstanceIamRoleArn",
        |d: &WorkspaceDirectory| {
            d.workspace_creation_properties()
                .and_then(|p| get::text(p.instance_iam_role_arn()))
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeWindows",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_windows()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeOsx",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_osx()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeWeb",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_web()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeIos",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_ios()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeAndroid",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_android()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeChromeOs",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_chrome_os()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeZeroClient",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_zero_client()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeLinux",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_linux()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.DeviceTypeWorkSpacesThinClient",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.workspace_access_properties()
                    .and_then(|p| p.device_type_work_spaces_thin_client()),
            )
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.AccessEndpointConfig.AccessEndpoints",
        |d: &WorkspaceDirectory| {
            let config = d.workspace_access_properties()?.access_endpoint_config()?;
            let ids: Vec<&str> = config
                .access_endpoints()
                .iter()
                .filter_map(|e| e.vpc_endpoint_id())
                .collect();
            get::list(ids)
        },
    ),
    Column::new(
        "WorkspaceAccessProperties.AccessEndpointConfig.InternetFallbackProtocols",
        |d: &WorkspaceDirectory| {
            let config = d.workspace_access_properties()?.access_endpoint_config()?;
            let protocols: Vec<&str> = config
                .internet_fallback_protocols()
                .iter()
                .map(|p| p.as_str())
                .collect();
            get::list(protocols)
        },
    ),
    Column::new(
        "SelfservicePermissions.RestartWorkspace",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.selfservice_permissions()
                    .and_then(|p| p.restart_workspace()),
            )
        },
    ),
    Column::new(
        "SelfservicePermissions.IncreaseVolumeSize",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.selfservice_permissions()
                    .and_then(|p| p.increase_volume_size()),
            )
        },
    ),
    Column::new(
        "SelfservicePermissions.ChangeComputeType",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.selfservice_permissions()
                    .and_then(|p| p.change_compute_type()),
            )
        },
    ),
    Column::new(
        "SelfservicePermissions.SwitchRunningMode",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.selfservice_permissions()
                    .and_then(|p| p.switch_running_mode()),
            )
        },
    ),
    Column::new(
        "SelfservicePermissions.RebuildWorkspace",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.selfservice_permissions()
                    .and_then(|p| p.rebuild_workspace()),
            )
        },
    ),
    Column::new("SamlProperties.Status", |d: &WorkspaceDirectory| {
        get::enumeration(d.saml_properties().and_then(|p| p.status()))
    }),
    Column::new("SamlProperties.UserAccessUrl", |d: &WorkspaceDirectory| {
        get::text(d.saml_properties().and_then(|p| p.user_access_url()))
    }),
    Column::new(
        "SamlProperties.RelayStateParameterName",
        |d: &WorkspaceDirectory| {
            get::text(
                d.saml_properties()
                    .and_then(|p| p.relay_state_parameter_name()),
            )
        },
    ),
    Column::new(
        "CertificateBasedAuthProperties.Status",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.certificate_based_auth_properties()
                    .and_then(|p| p.status()),
            )
        },
    ),
    Column::new(
        "CertificateBasedAuthProperties.CertificateAuthorityArn",
        |d: &WorkspaceDirectory| {
            get::text(
                d.certificate_based_auth_properties()
                    .and_then(|p| p.certificate_authority_arn()),
            )
        },
    ),
    Column::new(
        "StreamingProperties.StreamingExperiencePreferredProtocol",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.streaming_properties()
                    .and_then(|p| p.streaming_experience_preferred_protocol()),
            )
        },
    ),
    Column::new(
        "StreamingProperties.UserSettings",
        |d: &WorkspaceDirectory| {
            let settings: Vec<String> = d
                .streaming_properties()?
                .user_settings()
                .iter()
                .map(|s| match s.maximum_length() {
                    Some(length) => format!("{}={}:{length}", s.action(), s.permission()),
                    None => format!("{}={}", s.action(), s.permission()),
                })
                .collect();
            get::list(settings)
        },
    ),
    Column::new(
        "StreamingProperties.StorageConnectors",
        |d: &WorkspaceDirectory| {
            let connectors: Vec<String> = d
                .streaming_properties()?
                .storage_connectors()
                .iter()
                .map(|c| format!("{}={}", c.connector_type(), c.status()))
                .collect();
            get::list(connectors)
        },
    ),
    Column::new(
        "StreamingProperties.GlobalAccelerator.Mode",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.streaming_properties()
                    .and_then(|p| p.global_accelerator())
                    .map(|g| g.mode()),
            )
        },
    ),
    Column::new(
        "StreamingProperties.GlobalAccelerator.PreferredProtocol",
        |d: &WorkspaceDirectory| {
            get::enumeration(
                d.streaming_properties()
                    .and_then(|p| p.global_accelerator())
                    .and_then(|g| g.preferred_protocol()),
            )
        },
    ),
    Column::new("MicrosoftEntraConfig.TenantId", |d: &WorkspaceDirectory| {
        get::text(d.microsoft_entra_config().and_then(|p| p.tenant_id()))
    }),
    Column::new(
        "MicrosoftEntraConfig.ApplicationConfigSecretArn",
        |d: &WorkspaceDirectory| {
            get::text(
                d.microsoft_entra_config()
                    .and_then(|p| p.application_config_secret_arn()),
            )
        },
    ),
    Column::new("IDCConfig.InstanceArn", |d: &WorkspaceDirectory| {
        get::text(d.idc_config().and_then(|p| p.instance_arn()))
    }),
    Column::new("IDCConfig.ApplicationArn", |d: &WorkspaceDirectory| {
        get::text(d.idc_config().and_then(|p| p.application_arn()))
    }),
    Column::new(
        "ActiveDirectoryConfig.DomainName",
        |d: &WorkspaceDirectory| get::text(d.active_directory_config().map(|p| p.domain_name())),
    ),
    Column::new(
        "ActiveDirectoryConfig.ServiceAccountSecretArn",
        |d: &WorkspaceDirectory| {
            get::text(
                d.active_directory_config()
                    .map(|p| p.service_account_secret_arn()),
            )
        },
    ),
];

/// A directory's client properties (DescribeClientProperties), with the
/// directory's alias and name beside its ID.
#[derive(Debug, Clone)]
pub struct DirectoryClientProperties {
    /// As DescribeWorkspaceDirectories has it; only the ID when it is not
    /// a registered directory.
    pub directory: WorkspaceDirectory,
    /// `None`: the service has none for it (it is not a directory).
    pub properties: Option<ClientProperties>,
}

impl Resource for DirectoryClientProperties {
    const KIND: &'static str = "client properties";

    fn columns() -> &'static [Column<Self>] {
        CLIENT_PROPERTIES_COLUMNS
    }
}

const CLIENT_PROPERTIES_COLUMNS: &[Column<DirectoryClientProperties>] = &[
    Column::new("DirectoryId", |r: &DirectoryClientProperties| {
        get::text(r.directory.directory_id())
    })
    .shown("ID"),
    Column::new("Alias", |r: &DirectoryClientProperties| {
        get::text(r.directory.alias())
    })
    .shown("ALIAS"),
    Column::new("DirectoryName", |r: &DirectoryClientProperties| {
        get::text(r.directory.directory_name())
    })
    .shown("NAME"),
    Column::new(
        "ClientProperties.ReconnectEnabled",
        |r: &DirectoryClientProperties| {
            get::enumeration(r.properties.as_ref().and_then(|p| p.reconnect_enabled()))
        },
    )
    .shown("RECONNECT"),
    Column::new(
        "ClientProperties.LogUploadEnabled",
        |r: &DirectoryClientProperties| {
            get::enumeration(r.properties.as_ref().and_then(|p| p.log_upload_enabled()))
        },
    )
    .shown("LOG UPLOAD"),
    Column::new(
        "ClientProperties.ClientExperiencePolicy",
        |r: &DirectoryClientProperties| {
            get::text(
                r.properties
                    .as_ref()
                    .and_then(|p| p.client_experience_policy()),
            )
        },
    ),
];
