//! `wsfleet workspaces snapshots`: the snapshots each WorkSpace can be
//! restored (root and user volume) or rebuilt (user volume) from.

use futures::StreamExt;

use super::SelectArgs;
use crate::api::workspace_snapshots::{WorkspaceSnapshots, workspace_snapshots};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::View;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces snapshots ws-abc12345
  wsfleet workspaces snapshots --state error -o json
  wsfleet workspaces snapshots --ids-from broken.txt --columns WorkspaceId,RestoreSnapshots";

/// One DescribeWorkspaceSnapshots a WorkSpace, `--concurrency` at a time,
/// written in the order asked. A WorkSpace whose call fails is reported
/// with the service's error; the others are still written, and the exit is 1.
pub async fn run(args: SelectArgs, ctx: &Context) -> Result<()> {
    let named = args.named()?;
    if named.is_empty() && args.filters.is_empty() {
        return Err(AppError::usage(
            "name the WorkSpaces whose snapshots to show: IDs, --ids-from FILE, or list \
             filters (--directory, --state, ...)",
        ));
    }
    let mut writer = ctx
        .printer
        .list::<WorkspaceSnapshots>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let concurrency = args.concurrency.get();
    let ids = args.ids(&client, named).await?;
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
