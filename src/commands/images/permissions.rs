//! `wsfleet images permissions`

use aws_sdk_workspaces::types::ImagePermission;

use crate::api::image_path::image_permissions;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::ImageId;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images permissions wsi-abcdefgh1
  wsfleet images permissions wsi-abcdefgh1 -o json | jq -r '.[].SharedAccountId'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The image (one of the account's)
    #[arg(value_name = "IMAGE_ID")]
    pub id: ImageId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<ImagePermission>(View::List { details: false })?;
    let id = args.id;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| image_permissions(session.workspaces(), &id),
        "image permissions",
    )
    .await
}
