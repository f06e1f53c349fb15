//! `wsfleet bundles create`

use aws_sdk_workspaces::types::WorkspaceBundle;

use crate::api::bundles::{NewBundle, create_bundle};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::images::{check_name_and_description, tag_pairs};
use crate::commands::workspaces::ComputeArg;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet bundles create --name golden --description 'Golden desktop' --image wsi-abcdefgh1 \\
    --compute standard --user-storage 50
  BUNDLE=$(wsfleet bundles create --name g --description d --image wsi-abcdefgh1 \\
    --compute power --user-storage 100 --root-storage 175 -o json | jq -r .BundleId)";

/// The volume sizes (GiB) a custom bundle may have.
const ROOT_GIB: std::ops::RangeInclusive<u32> = 80..=2000;
const USER_GIB: std::ops::RangeInclusive<u32> = 10..=2000;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name of the bundle (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the bundle (up to 255 characters)
    #[arg(long)]
    pub description: String,

    /// The account's image the bundle's WorkSpaces are built from (AVAILABLE)
    #[arg(long, value_name = "IMAGE_ID")]
    pub image: ImageId,

    /// The compute type of the bundle's WorkSpaces
    #[arg(long)]
    pub compute: ComputeArg,

    /// User volume size in GiB (10 to 2000)
    #[arg(long, value_name = "GIB")]
    pub user_storage: u32,

    /// Root volume size in GiB (80 to 2000; the service's default when absent)
    #[arg(long, value_name = "GIB")]
    pub root_storage: Option<u32>,

    /// A tag for the bundle (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

fn check_size(flag: &str, gib: u32, allowed: &std::ops::RangeInclusive<u32>) -> Result<()> {
    if allowed.contains(&gib) {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid {flag} {gib}: a size in GiB from {} to {}",
            allowed.start(),
            allowed.end()
        )))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    check_name_and_description(&args.name, &args.description, 255)?;
    check_size("--user-storage", args.user_storage, &USER_GIB)?;
    if let Some(root) = args.root_storage {
        check_size("--root-storage", root, &ROOT_GIB)?;
    }
    let tags = tags(&tag_pairs(&args.tags)?)?;
    let writer = ctx.printer.one::<WorkspaceBundle>()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create a bundle '{}' from {}; nothing was changed",
            args.name, args.image
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let bundle = NewBundle {
        name: args.name,
        description: args.description,
        image_id: args.image.to_string(),
        compute: args.compute.to_sdk(),
        user_gib: args.user_storage,
        root_gib: args.root_storage,
        tags,
    };
    let created = create_bundle(&client, bundle).await?;
    writer.write(&created)
}
