//! `wsfleet directories modify-access`: which devices may connect to the
//! directory's WorkSpaces, each device type allowed or denied, WorkSpaces
//! Thin Client included (ModifyWorkspaceAccessProperties).

use aws_sdk_workspaces::types::{
    AccessEndpoint, AccessEndpointConfig, AccessEndpointType, AccessPropertyValue,
    InternetFallbackProtocol, WorkspaceAccessProperties, WorkspaceDirectory,
};

use super::checks::{VPC_ENDPOINT_ID, matching};
use super::described;
use super::settings::{Change, Setting, modify_each, shown};
use crate::api::directory_settings::modify_access_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-access d-1234567890 --thin-client allow --web deny --dry-run
  wsfleet directories modify-access d-1234567890 d-0987654321 --android deny --ios deny
  wsfleet directories modify-access d-1234567890 --access-endpoint vpce-0123abcd \\
    --internet-fallback pcoip";

api_enum!(
    /// ALLOW or DENY
    AccessArg,
    AccessPropertyValue
);
api_enum!(
    /// The protocol used when the access endpoint cannot be reached
    FallbackArg,
    InternetFallbackProtocol
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Windows clients
    #[arg(long)]
    pub windows: Option<AccessArg>,

    /// macOS clients
    #[arg(long)]
    pub macos: Option<AccessArg>,

    /// Web browsers
    #[arg(long)]
    pub web: Option<AccessArg>,

    /// iPad clients
    #[arg(long)]
    pub ios: Option<AccessArg>,

    /// Android clients
    #[arg(long)]
    pub android: Option<AccessArg>,

    /// Chromebooks
    #[arg(long)]
    pub chromeos: Option<AccessArg>,

    /// Zero clients (PCoIP)
    #[arg(long)]
    pub zero_client: Option<AccessArg>,

    /// Linux clients
    #[arg(long)]
    pub linux: Option<AccessArg>,

    /// WorkSpaces Thin Client devices
    #[arg(long)]
    pub thin_client: Option<AccessArg>,

    /// Stream only through this VPC endpoint (repeatable)
    #[arg(long = "access-endpoint", value_name = "VPC_ENDPOINT_ID")]
    pub access_endpoints: Vec<String>,

    /// With --access-endpoint: what clients fall back to over the internet
    #[arg(long, requires = "access_endpoints")]
    pub internet_fallback: Option<FallbackArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

type DeviceType = fn(&WorkspaceAccessProperties) -> Option<&AccessPropertyValue>;

impl Args {
    fn device_types(&self) -> [(&'static str, Option<AccessArg>, DeviceType); 9] {
        use WorkspaceAccessProperties as P;
        [
            ("DeviceTypeWindows", self.windows, P::device_type_windows),
            ("DeviceTypeOsx", self.macos, P::device_type_osx),
            ("DeviceTypeWeb", self.web, P::device_type_web),
            ("DeviceTypeIos", self.ios, P::device_type_ios),
            ("DeviceTypeAndroid", self.android, P::device_type_android),
            (
                "DeviceTypeChromeOs",
                self.chromeos,
                P::device_type_chrome_os,
            ),
            (
                "DeviceTypeZeroClient",
                self.zero_client,
                P::device_type_zero_client,
            ),
            ("DeviceTypeLinux", self.linux, P::device_type_linux),
            (
                "DeviceTypeWorkSpacesThinClient",
                self.thin_client,
                P::device_type_work_spaces_thin_client,
            ),
        ]
    }

    fn settings(&self) -> Vec<Setting<WorkspaceDirectory>> {
        let mut settings: Vec<Setting<WorkspaceDirectory>> = self
            .device_types()
            .into_iter()
            .filter_map(|(name, value, current)| {
                Some(Setting::new(
                    name,
                    value?.api_value(),
                    move |d: &WorkspaceDirectory| {
                        shown(d.workspace_access_properties().and_then(current))
                    },
                ))
            })
            .collect();
        if !self.access_endpoints.is_empty() {
            settings.push(Setting::new(
                "AccessEndpointConfig.AccessEndpoints",
                self.access_endpoints.join(","),
                |d: &WorkspaceDirectory| {
                    let config = d.workspace_access_properties()?.access_endpoint_config()?;
                    let ids: Vec<&str> = config
                        .access_endpoints()
                        .iter()
                        .filter_map(|e| e.vpc_endpoint_id())
                        .collect();
                    Some(ids.join(","))
                },
            ));
        }
        if let Some(fallback) = self.internet_fallback {
            settings.push(Setting::new(
                "AccessEndpointConfig.InternetFallbackProtocols",
                fallback.api_value(),
                |d: &WorkspaceDirectory| {
                    let config = d.workspace_access_properties()?.access_endpoint_config()?;
                    let protocols: Vec<&str> = config
                        .internet_fallback_protocols()
                        .iter()
                        .map(|p| p.as_str())
                        .collect();
                    Some(protocols.join(","))
                },
            ));
        }
        settings
    }

    fn properties(&self) -> Result<WorkspaceAccessProperties> {
        let sdk = |v: Option<AccessArg>| v.map(AccessArg::to_sdk);
        let mut endpoints = Vec::new();
        for id in &self.access_endpoints {
            endpoints.push(
                AccessEndpoint::builder()
                    .access_endpoint_type(AccessEndpointType::StreamingWsp)
                    .vpc_endpoint_id(matching(id, &VPC_ENDPOINT_ID, "--access-endpoint")?)
                    .build(),
            );
        }
        let endpoint_config = if endpoints.is_empty() {
            None
        } else {
            Some(
                AccessEndpointConfig::builder()
                    .set_access_endpoints(Some(endpoints))
                    .set_internet_fallback_protocols(
                        self.internet_fallback.map(|p| vec![p.to_sdk()]),
                    )
                    .build()
                    .map_err(|e| AppError::usage(format!("--access-endpoint: {e}")))?,
            )
        };
        Ok(WorkspaceAccessProperties::builder()
            .set_device_type_windows(sdk(self.windows))
            .set_device_type_osx(sdk(self.macos))
            .set_device_type_web(sdk(self.web))
            .set_device_type_ios(sdk(self.ios))
            .set_device_type_android(sdk(self.android))
            .set_device_type_chrome_os(sdk(self.chromeos))
            .set_device_type_zero_client(sdk(self.zero_client))
            .set_device_type_linux(sdk(self.linux))
            .set_device_type_work_spaces_thin_client(sdk(self.thin_client))
            .set_access_endpoint_config(endpoint_config)
            .build())
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let properties = args.properties()?;
    let change = Change {
        action: "modify-access",
        group: "WorkspaceAccessProperties",
        settings: args.settings(),
        flags: "--windows, --macos, --web, --ios, --android, --chromeos, --zero-client, --linux, --thin-client, --access-endpoint",
    };
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        change,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| {
            let properties = properties.clone();
            async move { modify_access_properties(&client, &id, properties).await }
        },
    )
    .await
}
