//! `wsfleet bundles update`

use crate::api::bundles::{get_bundle, update_bundle};
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;
use crate::resources::{BundleId, ImageId};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles update wsb-abcdefgh1 --image wsi-ijklmnop2 --dry-run
  wsfleet bundles update wsb-abcdefgh1 --image wsi-ijklmnop2";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bundle to change (one of the account's)
    #[arg(value_name = "BUNDLE_ID")]
    pub id: BundleId,

    /// The image new WorkSpaces of the bundle are built from (AVAILABLE, same operating system)
    #[arg(long, value_name = "IMAGE_ID")]
    pub image: ImageId,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let client = ctx.workspaces().await?;
    // Described first, so the plan says which image is replaced and an
    // unknown bundle fails before anything is sent.
    let bundle = get_bundle(&client, &args.id).await?;
    let current = bundle.image_id().unwrap_or("no image");
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would build bundle {} from {} instead of {current}; nothing was changed",
            args.id, args.image
        ));
        return Ok(());
    }
    update_bundle(&client, &args.id, &args.image).await?;
    ctx.printer.note(format!(
        "bundle {} now builds from {} (was {current})",
        args.id, args.image
    ));
    Ok(())
}
