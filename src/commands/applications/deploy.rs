//! `wsfleet applications deploy`: installs and uninstalls what a WorkSpace's
//! associations say, then shows each association's state.

use aws_sdk_workspaces::types::{AssociationState, WorkspaceResourceAssociation};

use crate::api::workspaces::{deploy_applications, workspace_associations};
use crate::cli::ChangeArgs;
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::commands::workspaces::applications::write_list;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::View;
use crate::resources::WorkspaceId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications deploy --workspace ws-abc12345
  wsfleet applications deploy --workspace ws-abc12345 --force --wait";

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("1h")))]
pub struct Args {
    /// The WorkSpace
    #[arg(long, value_name = "WS_ID")]
    pub workspace: WorkspaceId,

    /// Deploy even applications already in the desired state
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let workspace = args.workspace;
    let writer = ctx
        .printer
        .list::<WorkspaceResourceAssociation>(View::List { details: false })?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would deploy the applications associated with {workspace}; nothing was changed"
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let mut associations = deploy_applications(&client, &workspace, args.force).await?;
    if let Some(timeout) = args.wait.timeout() {
        // One target, the WorkSpace: done once none of its associations is
        // still installing or uninstalling.
        let goal = waiting::Goal {
            noun: "deployment",
            goal: "finish",
            timeout,
        };
        waiting::until(ctx, vec![workspace.clone()], &goal, |going| {
            waiting::each(1, going, |workspace| {
                let client = &client;
                async move {
                    let current = workspace_associations(client, &workspace).await?;
                    Ok(
                        if current.iter().any(|a| a.state().is_some_and(in_progress)) {
                            Progress::Going
                        } else {
                            Progress::Done
                        },
                    )
                }
            })
        })
        .await?;
        associations = workspace_associations(&client, &workspace).await?;
    }
    write_list(ctx, writer, &associations, "no applications to deploy").await?;
    let failed = associations
        .iter()
        .filter(|a| a.state() == Some(&AssociationState::Error))
        .count();
    if failed > 0 {
        return Err(AppError::Failed(format!(
            "{failed} application deployments failed on {workspace} (see StateReason)"
        )));
    }
    Ok(())
}

fn in_progress(state: &AssociationState) -> bool {
    matches!(
        state,
        AssociationState::PendingInstall
            | AssociationState::PendingInstallDeployment
            | AssociationState::PendingUninstall
            | AssociationState::PendingUninstallDeployment
            | AssociationState::Installing
            | AssociationState::Uninstalling
    )
}
