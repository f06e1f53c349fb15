//! `wsfleet directories modify-client`: whether the WorkSpaces clients of
//! the directory reconnect on their own and upload their logs
//! (ModifyClientProperties).

use aws_sdk_workspaces::types::{ClientProperties, LogUploadEnum, ReconnectEnum};

use super::client_properties::with_client_properties;
use super::settings::{Change, given, modify_each};
use crate::api::directory_settings::modify_client_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-client d-1234567890 --log-upload disabled --dry-run
  wsfleet directories modify-client d-1234567890 wsd-abcdefgh1 --reconnect enabled";

api_enum!(
    /// ENABLED or DISABLED
    ReconnectArg,
    ReconnectEnum
);
api_enum!(
    /// ENABLED or DISABLED
    LogUploadArg,
    LogUploadEnum
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Clients reconnect on their own after a network interruption
    #[arg(long)]
    pub reconnect: Option<ReconnectArg>,

    /// Clients upload their logs for troubleshooting
    #[arg(long)]
    pub log_upload: Option<LogUploadArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

impl Args {
    pub fn change(&self) -> Change {
        Change {
            action: "modify-client",
            group: "ClientProperties",
            settings: given([
                (
                    "ReconnectEnabled",
                    self.reconnect.map(|v| v.api_value().to_owned()),
                ),
                (
                    "LogUploadEnabled",
                    self.log_upload.map(|v| v.api_value().to_owned()),
                ),
            ]),
            flags: "--reconnect, --log-upload",
        }
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let properties = ClientProperties::builder()
        .set_reconnect_enabled(args.reconnect.map(ReconnectArg::to_sdk))
        .set_log_upload_enabled(args.log_upload.map(LogUploadArg::to_sdk))
        .build();
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        |client, ids| async move { with_client_properties(&client, &ids).await },
        |client, id| {
            let properties = properties.clone();
            async move { modify_client_properties(&client, &id, properties).await }
        },
    )
    .await
}
