//! `wsfleet bundles update`

use crate::api::bundles::{get_bundle, update_bundle};
use crate::bulk::plan::{Plan, Planned};
use crate::cli::ChangeArgs;
use crate::commands::plan::{confirm_one, one_place};
use crate::context::Context;
use crate::error::Result;
use crate::resources::{BundleId, ImageId};
use crate::scope::{PlaceId, Service};

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
    let (id, image) = (args.id.to_string(), args.image.to_string());
    let places = one_place(ctx, Service::WorkSpaces, &id).await?;
    let client = places.workspaces(PlaceId(0));
    // Described first, so the plan says which image is replaced and an
    // unknown bundle fails before anything is sent.
    let bundle = get_bundle(client, &id).await?;
    let current = bundle.image_id().unwrap_or("no image").to_owned();
    let mut row = Planned::found(PlaceId(0), &id, bundle);
    row.change("image", Some(&current), Some(&image))
        .settle_unchanged();
    let plan = Plan::new("update", vec![row]);
    if !confirm_one(ctx, &args.change.into(), None, &places, &plan).await? {
        return Ok(());
    }
    update_bundle(client, &id, &image).await?;
    ctx.printer.note(format!(
        "bundle {id} now builds from {image} (was {current})"
    ));
    Ok(())
}
