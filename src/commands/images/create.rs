//! `wsfleet images create --from-workspace`

use super::{announce_and_wait, check_name_and_description};
use crate::api::image_path::create_image_from_workspace;
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::Result;
use crate::resources::WorkspaceId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images create --from-workspace ws-abcd1234 --name golden-2026-06 \\
    --description 'June golden'
  IMAGE=$(wsfleet images create --from-workspace ws-abcd1234 --name g --description g --wait)";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("2h")))]
pub struct Args {
    /// The WorkSpace to image (AVAILABLE)
    #[arg(long, value_name = "WORKSPACE_ID")]
    pub from_workspace: WorkspaceId,

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
    check_name_and_description(&args.name, &args.description, 256)?;
    let tags = tags(&super::tag_pairs(&args.tags)?)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create an image '{}' of {}; nothing was changed",
            args.name, args.from_workspace
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let image_id = create_image_from_workspace(
        &client,
        &args.from_workspace,
        &args.name,
        &args.description,
        tags,
    )
    .await?;
    announce_and_wait(ctx, client, image_id, &args.wait).await
}
