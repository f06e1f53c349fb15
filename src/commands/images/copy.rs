//! `wsfleet images copy --to-region`

use std::io::Write;

use super::{RegionalImage, check_name_and_description, wait_available};
use crate::api::image_path::{ImageCopy, copy_image};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::ImageId;
use crate::scope::Session;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images copy wsi-abcdefgh1 --to-region eu-west-1 --name golden-2026-06
  wsfleet images copy wsi-abcdefgh1 --to-region eu-west-1,ap-southeast-2 --name golden --wait
  wsfleet images copy wsi-abcdefgh1 --to-region eu-west-1 --name golden --dry-run";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("2h")))]
pub struct Args {
    /// The image to copy (AVAILABLE, the account's)
    #[arg(value_name = "IMAGE_ID")]
    pub source: ImageId,

    /// A region to copy the image to (repeatable or comma-separated: one copy each)
    #[arg(long, required = true, value_delimiter = ',', value_name = "REGION")]
    pub to_region: Vec<String>,

    /// The region the image is in (default: the command's region)
    #[arg(long, value_name = "REGION")]
    pub source_region: Option<String>,

    /// Name of the copies (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the copies (default: the source's)
    #[arg(long)]
    pub description: Option<String>,

    /// A tag for each copy (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The API's Region pattern: `^[-0-9a-z]{1,31}$`.
fn check_region(flag: &str, region: &str) -> Result<()> {
    let ok = (1..=31).contains(&region.len())
        && region
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || b.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid {flag} '{}': a region such as eu-west-1",
            crate::validate::printable(region)
        )))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    // A bundle's description pattern is the image's, so the one check serves.
    check_name_and_description(&args.name, args.description.as_deref().unwrap_or("-"), 256)?;
    for region in &args.to_region {
        check_region("--to-region", region)?;
    }
    if let Some(region) = &args.source_region {
        check_region("--source-region", region)?;
    }
    let tags = tags(&super::tag_pairs(&args.tags)?)?;
    let destinations = args.to_region.join(", ");
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would copy {} to {destinations} as '{}'; nothing was changed",
            args.source, args.name
        ));
        return Ok(());
    }
    let session = ctx.session().await?;
    let source_region = match args.source_region {
        Some(region) => region,
        None => session
            .region()
            .map(str::to_owned)
            .ok_or_else(|| AppError::usage("give --source-region: the command has no region"))?,
    };
    let copy = ImageCopy {
        source_image_id: args.source.to_string(),
        source_region,
        name: args.name,
        description: args.description,
        tags,
    };
    // One client a destination: CopyWorkspaceImage is sent in the region
    // the copy is made in.
    let mut copies = Vec::new();
    let mut out = ctx.printer.stdout();
    for region in args.to_region {
        let options = ctx
            .session_options
            .at(ctx.session_options.profile.clone(), Some(region.clone()));
        let client = Session::load(&options).await?.workspaces().clone();
        let image_id = copy_image(&client, &copy).await?;
        // Each copy as it is made, so a failure later leaves the earlier IDs said.
        writeln!(out, "{image_id}\t{region}")?;
        out.flush()?;
        let label = format!("{image_id} in {region}");
        copies.push(RegionalImage {
            client,
            image_id,
            label,
        });
    }
    let Some(timeout) = args.wait.timeout() else {
        return Ok(());
    };
    wait_available(ctx, copies, timeout).await
}
