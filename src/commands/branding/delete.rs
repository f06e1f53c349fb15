//! `wsfleet branding delete`: DeleteClientBranding of the named platforms of
//! each directory; their clients show the default login screen again.

use super::{PlatformArg, branded, platforms};
use crate::api::branding::delete_branding;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{RemoveEach, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::DIRECTORIES;
use crate::resources::branding::BrandedDirectory;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet branding delete d-1234567890 --platform ios,android --dry-run
  wsfleet branding delete d-1234567890 d-0987654321 --platform windows,web --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// The platforms whose branding goes: windows, osx, android, ios, linux, web
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "PLATFORM,...",
        required = true
    )]
    pub platform: Vec<PlatformArg>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let platforms = platforms(&args.platform);
    let names: Vec<&str> = platforms.iter().map(|p| p.as_str()).collect();
    ctx.printer.note(format!(
        "Deleting the branding of {}: their clients show the default login screen.",
        names.join(", ")
    ));
    let how = RemoveEach {
        action: "unbrand",
        kind: &DIRECTORIES,
        id_of: |d: &BrandedDirectory| Some(d.resource_id.as_str()),
        found: |d| d.found,
        blocked_by: None,
    };
    let platforms = &platforms;
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        |client, ids| async move { branded(&client, &ids).await },
        |client, id| async move { delete_branding(&client, &id, platforms).await },
    )
    .await
}
