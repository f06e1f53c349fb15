//! `wsfleet workspaces start|stop|reboot|rebuild|terminate`: one flow for
//! the five batch state changes. Targets come as IDs, `--ids-from`, or the
//! `list` filters; everything but `start` shows the plan and asks first.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_workspaces::types::Workspace;

use super::WorkspaceFilterArgs;
use super::wait;
use crate::api::workspaces::{StateChange, change_state, describe_workspaces, workspaces};
use crate::bulk::{Executor, show_plan};
use crate::cli::{BulkArgs, ChangeArgs, ConfirmArgs};
use crate::commands::plan::ids_of;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::WORKSPACES;
use crate::resources::workspaces::placeholder;
use crate::scope::Service;
use crate::scope::{PlaceId, Placed, Places, route};
use crate::targets::TargetArgs;

pub const START_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces start ws-abc12345 ws-def67890
  wsfleet workspaces start --directory d-90670b1234 --state stopped --wait";
pub const STOP_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces stop ws-abc12345
  wsfleet workspaces stop --running-mode auto_stop --state available --yes";
pub const REBOOT_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces reboot ws-abc12345 --wait
  wsfleet workspaces list --state impaired -o json | wsfleet workspaces reboot --ids-from - --yes";
pub const REBUILD_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces rebuild ws-abc12345 --dry-run
  wsfleet workspaces rebuild ws-abc12345 --yes --wait";
pub const TERMINATE_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces terminate ws-abc12345 --dry-run
  wsfleet workspaces terminate --ids-from leavers.txt --yes";

/// What the five verbs share.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    /// Wait until every WorkSpace changed reaches its final state
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub wait_timeout: u64,

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

/// `stop`, `reboot`, `rebuild`, `terminate`: they show the plan and ask.
#[derive(Debug, clap::Args)]
pub struct ConfirmedArgs {
    #[command(flatten)]
    pub common: Args,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// What each change means for the person and where it ends.
struct Verb {
    word: &'static str,
    confirms: bool,
    /// What is lost, said before the question.
    warning: Option<&'static str>,
    /// The state a changed WorkSpace settles in; `None`: it disappears.
    final_state: Option<&'static str>,
}

fn verb(change: StateChange) -> Verb {
    match change {
        StateChange::Start => Verb {
            word: "start",
            confirms: false,
            warning: None,
            final_state: Some("AVAILABLE"),
        },
        StateChange::Stop => Verb {
            word: "stop",
            confirms: true,
            warning: Some("Stopping disconnects anyone using these WorkSpaces."),
            final_state: Some("STOPPED"),
        },
        StateChange::Reboot => Verb {
            word: "reboot",
            confirms: true,
            warning: Some("Rebooting disconnects anyone using these WorkSpaces."),
            final_state: Some("AVAILABLE"),
        },
        StateChange::Rebuild => Verb {
            word: "rebuild",
            confirms: true,
            warning: Some(
                "Rebuilding recreates the root volume (C: or /) from the bundle image, losing \
                 every application and file installed there, and restores the user volume \
                 (D: or /home) from its latest snapshot (taken every 12 hours), losing \
                 anything newer.",
            ),
            final_state: Some("AVAILABLE"),
        },
        StateChange::Terminate => Verb {
            word: "terminate",
            confirms: true,
            warning: Some(
                "Terminating permanently deletes these WorkSpaces and all the data on their \
                 root and user volumes; it cannot be undone.",
            ),
            final_state: None,
        },
    }
}

/// `flags`: `--yes` (never set for `start`) and `--dry-run`.
pub async fn run(change: StateChange, args: Args, flags: ConfirmArgs, ctx: &Context) -> Result<()> {
    let verb = verb(change);
    let prompter = if verb.confirms {
        Some(prompt::for_run(&ctx.printer, &flags, verb.word)?)
    } else {
        None
    };
    let named = WORKSPACES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() && args.filters.is_empty() {
        return Err(AppError::usage(format!(
            "name the WorkSpaces to {}: IDs, --ids-from FILE, or list filters (--directory, --state, ...)",
            verb.word
        )));
    }
    // The filters are checked here, before any request.
    args.filters.query(Vec::new())?;
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let targets = places
        .gather(routed.ids, |place, ids| {
            let (client, filters) = (places.workspaces(place).clone(), &args.filters);
            async move {
                let query = filters.query(ids.clone())?;
                let found = workspaces(&client, query).all().await?;
                Ok(select_targets(&ids, found, filters))
            }
        })
        .await?;
    if targets.is_empty() {
        ctx.printer.note(format!("no WorkSpaces to {}", verb.word));
        return Ok(());
    }
    let target_ids = ids_of(&targets, Workspace::workspace_id);

    if let Some(warning) = verb.warning {
        ctx.printer.note(warning);
    }
    if (verb.confirms || flags.dry_run()) && !show_plan(ctx, &flags, verb.word, places, &targets)? {
        return Ok(());
    }
    if let Some(prompter) = &prompter {
        prompt::require_confirmation(&**prompter, verb.word, targets.len())?;
    }

    let report = Executor::for_verb(ctx, &args.bulk, places, change.batch_size())
        .run(verb.word, target_ids, |batch| {
            // A batch holds the targets of one place.
            let client = batch.first().map(|t| places.workspaces(t.place).clone());
            async move {
                let ids: Vec<String> = batch.into_iter().map(|t| t.id).collect();
                match client {
                    Some(client) => change_state(&client, change, &ids).await,
                    None => Vec::new(),
                }
            }
        })
        .await?;
    let changed = report.done();
    let interrupted = report.interrupted;
    let finished = report.finish(ctx);
    if !args.wait || interrupted || changed.is_empty() {
        return finished;
    }
    let waited = wait_for_final_state(ctx, places, &verb, changed, args.wait_timeout).await;
    finished.and(waited)
}

/// The WorkSpaces to change, in the order asked. An ID the service did not
/// describe still goes to the API (which reports it in `FailedRequests`)
/// unless filters were given, which it cannot be checked against.
fn select_targets(
    ids: &[String],
    found: Vec<Workspace>,
    filters: &WorkspaceFilterArgs,
) -> Vec<Workspace> {
    let matching = found.into_iter().filter(|w| filters.matches(w));
    if ids.is_empty() {
        return matching.collect();
    }
    let mut by_id: HashMap<String, Workspace> = matching
        .filter_map(|w| w.workspace_id().map(|id| (id.to_owned(), w.clone())))
        .collect();
    ids.iter()
        .filter_map(|id| match by_id.remove(id) {
            Some(workspace) => Some(workspace),
            None if filters.is_empty() => Some(placeholder(id)),
            None => None,
        })
        .collect()
}

async fn wait_for_final_state(
    ctx: &Context,
    places: &Places,
    verb: &Verb,
    targets: Vec<Placed<String>>,
    timeout_seconds: u64,
) -> Result<()> {
    let goal = verb.final_state.unwrap_or("terminated");
    ctx.printer.note(format!(
        "waiting for {} WorkSpaces to be {goal}",
        targets.len()
    ));
    // One DescribeWorkspaces a place a poll.
    let mut by_place: Vec<(PlaceId, Vec<String>)> = Vec::new();
    for target in targets {
        match by_place
            .iter_mut()
            .find(|(place, _)| *place == target.place)
        {
            Some((_, ids)) => ids.push(target.item),
            None => by_place.push((target.place, vec![target.item])),
        }
    }
    let total: usize = by_place.iter().map(|(_, ids)| ids.len()).sum();
    // Filled from inside the polling closure; a RefCell because each poll's
    // future borrows it in turn, never two at once.
    let failed: std::cell::RefCell<Vec<String>> = std::cell::RefCell::new(Vec::new());
    let what = format!("WorkSpaces to be {goal}");
    wait::until_done(&what, Duration::from_secs(timeout_seconds), || {
        let (by_place, failed) = (&by_place, &failed);
        async move {
            let mut current = Vec::new();
            for (place, ids) in by_place {
                let described = describe_workspaces(places.workspaces(*place), ids).await;
                current.extend(described.map_err(|err| places.blame(*place, err))?);
            }
            let mut pending = Vec::new();
            for workspace in &current {
                let id = workspace.workspace_id().unwrap_or_default().to_owned();
                let state = workspace.state().map(|s| s.as_str()).unwrap_or_default();
                let settled = match verb.final_state {
                    Some(final_state) => state == final_state,
                    None => state == "TERMINATED",
                };
                if state == "ERROR" {
                    let mut failed = failed.borrow_mut();
                    if !failed.contains(&id) {
                        failed.push(id);
                    }
                } else if !settled {
                    pending.push(id);
                }
            }
            Ok(pending)
        }
    })
    .await?;
    let failed = failed.into_inner();
    if failed.is_empty() {
        ctx.printer
            .note(format!("all {total} WorkSpaces are {goal}"));
        Ok(())
    } else {
        Err(AppError::Failed(format!(
            "{} WorkSpaces went to ERROR instead: {}",
            failed.len(),
            failed.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_workspaces::types::WorkspaceState;
    use clap::ValueEnum;

    fn workspace(id: &str, state: WorkspaceState) -> Workspace {
        Workspace::builder().workspace_id(id).state(state).build()
    }

    #[test]
    fn targets_keep_the_order_asked_and_unknown_ids_without_filters() {
        let ids = vec![
            "ws-bbbbbbbb".to_owned(),
            "ws-unknown1".to_owned(),
            "ws-aaaaaaaa".to_owned(),
        ];
        let found = vec![
            workspace("ws-aaaaaaaa", WorkspaceState::Available),
            workspace("ws-bbbbbbbb", WorkspaceState::Stopped),
        ];
        let none = WorkspaceFilterArgs::default();
        let targets = select_targets(&ids, found.clone(), &none);
        let order: Vec<_> = targets.iter().filter_map(|w| w.workspace_id()).collect();
        assert_eq!(order, ["ws-bbbbbbbb", "ws-unknown1", "ws-aaaaaaaa"]);

        let stopped = WorkspaceFilterArgs {
            state: Some(super::super::WorkspaceStateArg::from_str("STOPPED", true).unwrap()),
            ..WorkspaceFilterArgs::default()
        };
        let targets = select_targets(&ids, found, &stopped);
        let order: Vec<_> = targets.iter().filter_map(|w| w.workspace_id()).collect();
        assert_eq!(order, ["ws-bbbbbbbb"]);
    }
}
