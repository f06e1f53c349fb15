//! `wsfleet images create-updated`

use std::io::Write;

use crate::api::workspaces::{create_updated_image, get_image, tags};
use crate::cli::ChangeArgs;
use crate::commands::images::check_name_and_description;
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::error::Result;
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images create-updated wsi-abcdefgh1 --name win10-2024-06 --description 'June drivers'
  NEW=$(wsfleet images create-updated wsi-abcdefgh1 --name n --description d --wait)";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("2h")))]
pub struct Args {
    /// The image to update
    #[arg(value_name = "SOURCE_IMAGE_ID")]
    pub source: ImageId,

    /// Name of the new image (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the new image (up to 256 characters)
    #[arg(long)]
    pub description: String,

    /// A tag for the new image (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let source = args.source;
    check_name_and_description(&args.name, &args.description, 256)?;
    let pairs = args
        .tags
        .iter()
        .map(|t| crate::tags::pair(t, crate::tags::TagRules::WorkSpaces))
        .collect::<Result<Vec<_>>>()?;
    let tags = tags(&pairs)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create an updated image '{}' from {source}; nothing was changed",
            args.name
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let image_id =
        create_updated_image(&client, &source, &args.name, &args.description, tags).await?;
    // The new ID is the output, so `$(...)` captures it even when waiting fails.
    let mut out = ctx.printer.stdout();
    writeln!(out, "{image_id}")?;
    out.flush()?;
    let Some(timeout) = args.wait.timeout() else {
        return Ok(());
    };
    let goal = waiting::Goal {
        noun: "image",
        goal: "become AVAILABLE",
        timeout,
    };
    waiting::until(ctx, vec![image_id], &goal, |going| {
        waiting::each(1, going, |image_id| {
            let client = &client;
            async move {
                let image = get_image(client, &image_id).await?;
                Ok(match image.state().map(|s| s.as_str()) {
                    Some("AVAILABLE") => Progress::Done,
                    Some("ERROR") => Progress::Failed(
                        image
                            .error_message()
                            .unwrap_or("no reason given")
                            .to_owned(),
                    ),
                    _ => Progress::Going,
                })
            }
        })
    })
    .await
}
