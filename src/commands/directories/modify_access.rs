//! `wsfleet directories modify-access`: which devices may connect to the
//! directory's WorkSpaces, each device type allowed or denied, WorkSpaces
//! Thin Client included (ModifyWorkspaceAccessProperties).

use aws_sdk_workspaces::types::{
    AccessEndpoint, AccessEndpointConfig, AccessEndpointType, AccessPropertyValue,
    InternetFallbackProtocol, WorkspaceAccessProperties,
};

use super::checks::{VPC_ENDPOINT_ID, matching};
use super::settings::{Change, given, modify_directories};
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

impl Args {
    pub fn change(&self) -> Change {
        let value = |v: Option<AccessArg>| v.map(|v| v.api_value().to_owned());
        let endpoints =
            (!self.access_endpoints.is_empty()).then(|| self.access_endpoints.join(";"));
        Change {
            action: "modify-access",
            group: "WorkspaceAccessProperties",
            settings: given([
                ("DeviceTypeWindows", value(self.windows)),
                ("DeviceTypeOsx", value(self.macos)),
                ("DeviceTypeWeb", value(self.web)),
                ("DeviceTypeIos", value(self.ios)),
                ("DeviceTypeAndroid", value(self.android)),
                ("DeviceTypeChromeOs", value(self.chromeos)),
                ("DeviceTypeZeroClient", value(self.zero_client)),
                ("DeviceTypeLinux", value(self.linux)),
                ("DeviceTypeWorkSpacesThinClient", value(self.thin_client)),
                ("AccessEndpointConfig.AccessEndpoints", endpoints),
                (
                    "AccessEndpointConfig.InternetFallbackProtocols",
                    self.internet_fallback.map(|p| p.api_value().to_owned()),
                ),
            ]),
            flags: "--windows, --macos, --web, --ios, --android, --chromeos, --zero-client, --linux, --thin-client, --access-endpoint",
        }
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
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.properties()?,
        |client, id, properties| async move {
            modify_access_properties(&client, &id, properties).await
        },
    )
    .await
}
