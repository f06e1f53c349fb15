//! `wsfleet directories modify-encryption`: the endpoint encryption mode,
//! standard TLS or FIPS 140-2 validated (ModifyEndpointEncryptionMode).

use aws_sdk_workspaces::types::EndpointEncryptionMode;

use super::settings::{Change, given, modify_directories};
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

impl Args {
    pub fn change(&self) -> Change {
        Change {
            action: "modify-encryption",
            group: "",
            settings: given([(
                "EndpointEncryptionMode",
                Some(self.mode.api_value().to_owned()),
            )]),
            flags: "--mode",
        }
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.mode.to_sdk(),
        |client, id, mode| async move { modify_endpoint_encryption_mode(&client, &id, mode).await },
    )
    .await
}
