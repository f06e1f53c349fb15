//! `wsfleet images import-status`: DescribeCustomWorkspaceImageImport, the
//! progress of an `images import-custom`, and the wait on it.

use std::time::Duration;

use aws_sdk_workspaces::operation::describe_custom_workspace_image_import::DescribeCustomWorkspaceImageImportOutput;

use crate::api::WorkspacesClient;
use crate::api::custom_image_import::describe_custom_import;
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::error::Result;
use crate::resources::ImageId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images import-status wsi-abcdefgh1
  wsfleet images import-status wsi-abcdefgh1 --wait -o json | jq .ProgressPercentage";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("4h")))]
pub struct Args {
    /// The image being imported (the ID `images import-custom` printed)
    #[arg(value_name = "IMAGE_ID")]
    pub id: ImageId,

    #[command(flatten)]
    pub wait: WaitArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .one::<DescribeCustomWorkspaceImageImportOutput>()?;
    let client = ctx.workspaces().await?;
    if let Some(timeout) = args.wait.timeout() {
        wait_imported(ctx, &client, vec![args.id.to_string()], timeout).await?;
    }
    let import = describe_custom_import(&client, &args.id).await?;
    writer.write(&import)
}

/// Waits, through the one wait engine, until each import is COMPLETED (or ERROR).
pub async fn wait_imported(
    ctx: &Context,
    client: &WorkspacesClient,
    image_ids: Vec<String>,
    timeout: Duration,
) -> Result<()> {
    let goal = waiting::Goal {
        noun: "image import",
        goal: "complete",
        timeout,
    };
    waiting::until(ctx, image_ids, &goal, |going| {
        waiting::each(4, going, |image_id| async move {
            let import = describe_custom_import(client, &image_id).await?;
            Ok(progress_of(&import))
        })
    })
    .await
}

fn progress_of(import: &DescribeCustomWorkspaceImageImportOutput) -> Progress {
    match import.state().map(|s| s.as_str()) {
        Some("COMPLETED") => Progress::Done,
        Some("ERROR") => {
            let details: Vec<&str> = import
                .error_details()
                .iter()
                .filter_map(|e| e.error_message().or(e.error_code()))
                .collect();
            Progress::Failed(if details.is_empty() {
                import
                    .state_message()
                    .unwrap_or("no reason given")
                    .to_owned()
            } else {
                details.join("; ")
            })
        }
        _ => Progress::Going,
    }
}
