//! `wsfleet pools start|stop|terminate`: one flow for the three calls that
//! take only a pool ID. Targets come as IDs or `--ids-from`; `stop` and
//! `terminate` show the plan and ask first.

use aws_sdk_workspaces::types::WorkspacesPool;

use super::settle::{PoolTarget, Settled, wait_for_pools};
use crate::api::pools::{PoolChange, change_pool, describe_pools};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs, ConfirmArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::POOLS;
use crate::scope::{PlaceId, Service, route};

pub const START_EXAMPLES: &str = "\
Examples:
  wsfleet pools start wspool-abcdefgh1 --wait
  wsfleet pools list --state stopped -o json | wsfleet pools start --ids-from -";
pub const STOP_EXAMPLES: &str = "\
Examples:
  wsfleet pools stop wspool-abcdefgh1 --dry-run
  wsfleet pools stop wspool-abcdefgh1 --yes --wait";
pub const TERMINATE_EXAMPLES: &str = "\
Examples:
  wsfleet pools terminate wspool-abcdefgh1 --dry-run
  wsfleet pools terminate wspool-abcdefgh1 --yes --wait";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// `start`, which does not ask first.
#[derive(Debug, clap::Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub common: Args,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// `stop` and `terminate`: they show the plan and ask.
#[derive(Debug, clap::Args)]
pub struct ConfirmedArgs {
    #[command(flatten)]
    pub common: Args,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// The word for each change and what is lost, said before the question.
fn verb(change: PoolChange) -> (&'static str, Option<&'static str>) {
    match change {
        PoolChange::Start => ("start", None),
        PoolChange::Stop => (
            "stop",
            Some("Stopping a pool ends every user session on it."),
        ),
        PoolChange::Terminate => (
            "terminate",
            Some("Terminating deletes these pools for good; it cannot be undone."),
        ),
    }
}

/// `flags`: `--yes` (never set for `start`) and `--dry-run`.
pub async fn run(change: PoolChange, args: Args, flags: ConfirmArgs, ctx: &Context) -> Result<()> {
    let (word, warning) = verb(change);
    let confirms = change != PoolChange::Start;
    let prompter = if confirms {
        Some(prompt::for_run(&ctx.printer, &flags, word)?)
    } else {
        None
    };
    let named = POOLS.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(format!(
            "name the pools to {word}: IDs or --ids-from FILE"
        )));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let pools = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    if let Some(warning) = warning {
        ctx.printer.note(warning);
    }
    let rows = pools
        .into_iter()
        .map(|placed| planned(change, placed.place, placed.item))
        .collect();
    let plan = Plan::new(word, rows);
    if !confirm_plan(ctx, &flags, prompter.as_deref(), places, &plan).await? {
        return Ok(());
    }
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, 1);
    let report = executor
        .run(word, targets, |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place);
                async move { change_pool(client, change, &target.id).await }
            })
        })
        .await?;
    let changed = report.done();
    let interrupted = report.interrupted;
    let finished = report.finish(ctx);
    let Some(timeout) = args.wait.timeout() else {
        return finished;
    };
    if interrupted || changed.is_empty() {
        return finished;
    }
    let pools = changed
        .into_iter()
        .map(|placed| PoolTarget {
            client: places.workspaces(placed.place).clone(),
            id: placed.item,
        })
        .collect();
    let settled = match change {
        PoolChange::Start => Settled::Running,
        PoolChange::Stop => Settled::Stopped,
        PoolChange::Terminate => Settled::Gone,
    };
    finished.and(wait_for_pools(ctx, pools, settled, timeout).await)
}

/// A pool as the plan finds it: not found (no ARN), or left out when its
/// state or running mode makes the service refuse the change.
fn planned(change: PoolChange, place: PlaceId, pool: WorkspacesPool) -> Planned<WorkspacesPool> {
    let id = pool.pool_id().to_owned();
    if pool.pool_arn().is_empty() {
        return Planned::not_found(place, id, pool);
    }
    let (word, _) = verb(change);
    let state = pool.state().as_str().to_owned();
    let mode = pool.running_mode().as_str().to_owned();
    let mut row = Planned::found(place, id, pool);
    let from: &[&str] = match change {
        PoolChange::Stop => &["RUNNING"],
        PoolChange::Start | PoolChange::Terminate => &["STOPPED"],
    };
    row.needs_state(Some(&state), word, from);
    // Only an AUTO_STOP pool starts and stops; an ALWAYS_ON one keeps running.
    if change != PoolChange::Terminate && mode != "AUTO_STOP" {
        row.leave_out(format!("{mode} ({word} needs running mode AUTO_STOP)"));
    }
    row
}

/// The pools named, described, in the order asked; a pool the service does
/// not know stays in the plan (with no ARN) and fails as not found, unsent.
async fn described(
    client: &crate::api::WorkspacesClient,
    ids: &[String],
) -> Result<Vec<WorkspacesPool>> {
    let mut pools = describe_pools(client, ids).await?;
    pools.sort_by_key(|p| ids.iter().position(|id| p.pool_id() == id));
    for id in ids {
        if !pools.iter().any(|p| p.pool_id() == id) {
            pools.push(unknown_pool(id)?);
        }
    }
    Ok(pools)
}

/// A placeholder for a pool the service did not find: its ID, the other
/// required members empty.
fn unknown_pool(id: &str) -> Result<WorkspacesPool> {
    WorkspacesPool::builder()
        .pool_id(id)
        .pool_arn("")
        .pool_name("")
        .state("".into())
        .created_at(aws_smithy_types::DateTime::from_secs(0))
        .bundle_id("")
        .directory_id("")
        .running_mode("".into())
        .build()
        .map_err(|e| anyhow::anyhow!("could not describe the pool {id}: {e}").into())
}
