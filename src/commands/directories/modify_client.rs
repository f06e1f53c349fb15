//! `wsfleet directories modify-client`: whether the WorkSpaces clients of
//! the directory reconnect on their own and upload their logs
//! (ModifyClientProperties).

use aws_sdk_workspaces::types::{
    ClientProperties, ClientPropertiesResult, LogUploadEnum, ReconnectEnum,
};

use super::described;
use super::settings::{Change, given, modify_each};
use crate::api::WorkspacesClient;
use crate::api::directory_settings::{client_properties, modify_client_properties};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::in_order_asked;
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

/// The client properties of the directories named, in the order asked;
/// one that is not a registered directory stays as a stand-in (no
/// properties), and its change fails as the service answers it.
async fn current(
    client: WorkspacesClient,
    ids: Vec<String>,
) -> Result<Vec<ClientPropertiesResult>> {
    let known: Vec<String> = described(&client, &ids)
        .await?
        .iter()
        .filter(|d| d.state().is_some())
        .filter_map(|d| d.directory_id().map(str::to_owned))
        .collect();
    let found = if known.is_empty() {
        Vec::new()
    } else {
        client_properties(&client, &known).all().await?
    };
    Ok(in_order_asked(
        &ids,
        found,
        ClientPropertiesResult::resource_id,
        |id| ClientPropertiesResult::builder().resource_id(id).build(),
    ))
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
        current,
        |client, id| {
            let properties = properties.clone();
            async move { modify_client_properties(&client, &id, properties).await }
        },
    )
    .await
}
