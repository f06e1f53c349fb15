//! `wsfleet workspaces snapshots`: the snapshots each WorkSpace can be
//! restored (root and user volume) or rebuilt (user volume) from.

use futures::StreamExt;

use super::{WorkspaceFilterArgs, selected_ids};
use crate::api::workspace_snapshots::{WorkspaceSnapshots, workspace_snapshots};
use crate::bulk::targets::TargetArgs;
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::View;
use crate::resources::WORKSPACES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces snapshots ws-abc12345
  wsfleet workspaces snapshots --state error -o json
  wsfleet workspaces snapshots --ids-from broken.txt --columns WorkspaceId,RestoreSnapshots";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

/// One DescribeWorkspaceSnapshots a WorkSpace, `--concurrency` at a time,
/// written in the order asked. A WorkSpace whose call fails is reported
/// with the service's error; the others are still written, and the exit is 1.
pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let named: Vec<String> = WORKSPACES
        .targets(&args.targets, None)?
        .into_iter()
        .map(|named| named.id)
        .collect();
    if named.is_empty() && args.filters.is_empty() {
        return Err(AppError::usage(
            "name the WorkSpaces whose snapshots to show: IDs, --ids-from FILE, or list \
             filters (--directory, --state, ...)",
        ));
    }
    args.filters.check()?;
    let mut writer = ctx
        .printer
        .list::<WorkspaceSnapshots>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let concurrency = args.concurrency.get();
    let ids = selected_ids(&client, named, &args.filters, concurrency).await?;
    let answers: Vec<(String, Result<WorkspaceSnapshots>)> = futures::stream::iter(ids)
        .map(|id| {
            let client = &client;
            async move {
                let answer = workspace_snapshots(client, &id).await;
                (id, answer)
            }
        })
        .buffered(concurrency)
        .collect()
        .await;
    let mut failed = 0;
    for (id, answer) in &answers {
        match answer {
            Ok(snapshots) => writer.write(snapshots)?,
            Err(err) => {
                failed += 1;
                ctx.printer.report(err, Some(id));
            }
        }
    }
    let count = writer.finish()?;
    if failed > 0 {
        return Err(AppError::Failed(format!(
            "the snapshots of {failed} of {} WorkSpaces could not be read",
            answers.len()
        )));
    }
    ctx.printer.note_if_none(count, "no WorkSpaces match");
    Ok(())
}
