//! `wsfleet directories modify-encryption`: the endpoint encryption mode,
//! standard TLS or FIPS 140-2 validated (ModifyEndpointEncryptionMode).

use aws_sdk_workspaces::types::{EndpointEncryptionMode, WorkspaceDirectory};

use super::described;
use super::settings::{Change, Setting, modify_each, shown};
use crate::api::directory_settings::modify_endpoint_encryption_mode;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-encryption d-1234567890 --mode fips-validated --dry-run
  wsfleet directories modify-encryption d-1234567890 d-0987654321 --mode standard-tls";

api_enum!(
    /// STANDARD_TLS or FIPS_VALIDATED
    EncryptionModeArg,
    EndpointEncryptionMode
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// The encryption mode of the directory's WorkSpaces endpoints
    #[arg(long)]
    pub mode: EncryptionModeArg,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let mode = args.mode;
    let change = Change {
        action: "modify-encryption",
        group: "",
        settings: vec![Setting::new(
            "EndpointEncryptionMode",
            mode.api_value(),
            |d: &WorkspaceDirectory| shown(d.endpoint_encryption_mode()),
        )],
        flags: "--mode",
    };
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        change,
        |client, ids| async move { described(&client, &ids).await },
        move |client, id| async move {
            modify_endpoint_encryption_mode(&client, &id, mode.to_sdk()).await
        },
    )
    .await
}
