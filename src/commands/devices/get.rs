//! `wsfleet devices get`

use aws_sdk_workspacesthinclient::types::Device;

use crate::api::thin_client::get_device;
use crate::context::Context;
use crate::error::Result;
use crate::resources::DeviceId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices get 0123456789abcdefghijklmn
  wsfleet devices get 0123456789abcdefghijklmn -o json | jq .lastUserId";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The device ID
    #[arg(value_name = "DEVICE_ID")]
    pub id: DeviceId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<Device>()?;
    let client = ctx.thin_client().await?;
    let device = get_device(&client, &args.id).await?;
    crate::resources::names::write_one(ctx, writer, &device).await
}
