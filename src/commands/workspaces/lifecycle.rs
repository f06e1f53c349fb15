//! `wsfleet workspaces start|stop|reboot|rebuild|terminate|restore|maintenance`:
//! one flow for every change of a WorkSpace's state. Targets come as IDs,
//! `--ids-from`, or the `list` filters; the changes that lose or interrupt
//! something show the plan and ask first. The batch operations send up to
//! 25 WorkSpaces a call; the others one a call, `--concurrency` at a time.

use std::collections::HashMap;
use std::sync::Mutex;

use aws_sdk_workspaces::types::{TargetWorkspaceState, Workspace};

use super::WorkspaceFilterArgs;
use super::wait::{Settled, until_settled};
use crate::api::standby::{StandbySettings, create_standby_workspaces, region_of};
use crate::api::workspace_operations::{
    migrate_workspace, modify_workspace_state, restore_workspace,
};
use crate::api::workspaces::{BATCH_SIZE, StateChange, change_state, workspaces};
use crate::api::{IdResults, WorkspacesClient};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs, ConfirmArgs};
use crate::commands::plan::confirm_plan;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::workspaces::placeholder;
use crate::resources::{BundleId, WORKSPACES};
use crate::scope::Service;
use crate::scope::{PlaceId, Placed, Places, route};

pub const START_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces start ws-abc12345 ws-def67890
  wsfleet workspaces start --directory d-90670b1234 --state stopped --wait";
pub const STOP_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces stop ws-abc12345
  wsfleet workspaces stop --running-mode auto-stop --state available --yes";
pub const REBOOT_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces reboot ws-abc12345 --wait
  wsfleet workspaces list --state impaired -o json | wsfleet workspaces reboot --ids-from - --yes";
pub const REBUILD_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces rebuild ws-abc12345 --dry-run
  wsfleet workspaces rebuild ws-abc12345 --yes --wait";
pub const RESTORE_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces restore ws-abc12345 --dry-run
  wsfleet workspaces restore --state error --directory d-90670b1234 --yes --wait";
pub const MIGRATE_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces migrate ws-abc12345 --to-bundle wsb-0123abcd --dry-run
  wsfleet workspaces migrate --bundle wsb-old12345 --to-bundle wsb-new67890 --yes";
pub const MAINTENANCE_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces maintenance on ws-abc12345 ws-def67890 --wait
  wsfleet workspaces maintenance off --state admin-maintenance --dry-run";
pub const TERMINATE_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces terminate ws-abc12345 --dry-run
  wsfleet workspaces terminate --ids-from leavers.txt --yes";

/// What the five verbs share.
#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("1h")))]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// `migrate`, which asks first.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The bundle to recreate the WorkSpaces from (the same operating
    /// system family); --bundle filters the WorkSpaces by their current one
    #[arg(long, value_name = "BUNDLE_ID")]
    pub to_bundle: BundleId,

    #[command(flatten)]
    pub confirmed: ConfirmedArgs,
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

/// A change of a WorkSpace's state: a batch operation, or one that takes
/// one WorkSpace a call.
#[derive(Clone)]
pub enum Change {
    Batch(StateChange),
    /// RestoreWorkspace.
    Restore,
    /// MigrateWorkspace to this bundle.
    Migrate(String),
    /// ModifyWorkspaceState: into admin maintenance (`true`) or out of it.
    Maintenance(bool),
    /// CreateStandbyWorkspaces, sent in another Region.
    Standby(Box<StandbyChange>),
}

/// Where standby WorkSpaces are created, and with what.
#[derive(Clone)]
pub struct StandbyChange {
    /// A client of the standby Region.
    pub client: WorkspacesClient,
    pub region: String,
    pub settings: StandbySettings,
}

/// A WorkSpace a change created from a target (a migration's new
/// WorkSpace, a standby), with the target's place.
#[derive(Debug, Clone)]
struct Created {
    place: PlaceId,
    source: String,
    id: String,
}

impl From<StateChange> for Change {
    fn from(change: StateChange) -> Self {
        Change::Batch(change)
    }
}

impl Change {
    fn batch_size(&self) -> usize {
        match self {
            Change::Batch(change) => change.batch_size(),
            Change::Standby(_) => BATCH_SIZE,
            Change::Restore | Change::Migrate(_) | Change::Maintenance(_) => 1,
        }
    }

    /// One call for the batch (of one place); a migration's new WorkSpace
    /// and a new standby are added to `created`.
    async fn send(
        &self,
        place: PlaceId,
        client: &WorkspacesClient,
        ids: Vec<String>,
        created: &Mutex<Vec<Created>>,
    ) -> IdResults {
        let note = |source: String, id: String| {
            if let Ok(mut created) = created.lock() {
                created.push(Created { place, source, id });
            }
        };
        let one_by_one = |id: String| async move {
            let result = match self {
                Change::Restore => restore_workspace(client, &id).await,
                Change::Migrate(bundle) => migrate_workspace(client, &id, bundle)
                    .await
                    .map(|target| note(id.clone(), target)),
                Change::Maintenance(on) => {
                    let state = if *on {
                        TargetWorkspaceState::AdminMaintenance
                    } else {
                        TargetWorkspaceState::Available
                    };
                    modify_workspace_state(client, &id, state).await
                }
                Change::Batch(_) | Change::Standby(_) => Ok(()),
            };
            (id, result)
        };
        match self {
            Change::Batch(change) => change_state(client, *change, &ids).await,
            Change::Standby(standby) => {
                let Some(primary_region) = region_of(client) else {
                    let missing = AppError::usage("the WorkSpaces' Region is not known");
                    return ids
                        .into_iter()
                        .map(|id| (id, Err(missing.clone_for_each())))
                        .collect();
                };
                let mut standbys = Vec::new();
                let results = create_standby_workspaces(
                    &standby.client,
                    &primary_region,
                    &ids,
                    &standby.settings,
                    &mut standbys,
                )
                .await;
                for (primary, standby) in standbys {
                    note(primary, standby);
                }
                results
            }
            Change::Restore | Change::Migrate(_) | Change::Maintenance(_) => {
                futures::future::join_all(ids.into_iter().map(one_by_one)).await
            }
        }
    }

    /// The client the WorkSpaces waited for are described with: standbys
    /// live in the standby Region.
    fn described_with<'a>(&'a self, places: &'a Places, place: PlaceId) -> &'a WorkspacesClient {
        match self {
            Change::Standby(standby) => &standby.client,
            _ => places.workspaces(place),
        }
    }
}

/// What each change means for the person and where it ends.
struct Verb {
    word: &'static str,
    confirms: bool,
    /// What is lost, said before the question.
    warning: Option<&'static str>,
    /// The state a changed WorkSpace settles in; `None`: it disappears.
    final_state: Option<&'static str>,
    /// The states the API accepts the change in (its reference says
    /// which); empty: any. A WorkSpace in another is left out of the plan.
    accepts: &'static [&'static str],
}

fn verb(change: &Change) -> Verb {
    let change = match change {
        Change::Batch(change) => *change,
        Change::Migrate(_) => {
            return Verb {
                word: "migrate",
                confirms: true,
                warning: Some(
                    "Migrating recreates each WorkSpace from the bundle under a new ID: the \
                     root volume (C: or /) is replaced, the user volume is restored from its \
                     latest snapshot, and the old WorkSpace is terminated.",
                ),
                // Of the new WorkSpace: --wait waits for it.
                final_state: Some("AVAILABLE"),
                accepts: &[],
            };
        }
        Change::Standby(_) => {
            return Verb {
                word: "create standbys for",
                confirms: false,
                warning: None,
                // A standby rests stopped until a failover.
                final_state: Some("STOPPED"),
                accepts: &[],
            };
        }
        Change::Restore => {
            return Verb {
                word: "restore",
                confirms: true,
                warning: Some(
                    "Restoring recreates the root and user volumes from their most recent \
                     snapshots, losing every change made since; anyone connected is \
                     disconnected.",
                ),
                final_state: Some("AVAILABLE"),
                accepts: &["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"],
            };
        }
        Change::Maintenance(on) => {
            let on = *on;
            return Verb {
                word: if on {
                    "put into maintenance"
                } else {
                    "take out of maintenance"
                },
                confirms: false,
                warning: None,
                final_state: Some(if on { "ADMIN_MAINTENANCE" } else { "AVAILABLE" }),
                accepts: &[],
            };
        }
    };
    match change {
        StateChange::Start => Verb {
            word: "start",
            confirms: false,
            warning: None,
            final_state: Some("AVAILABLE"),
            accepts: &["STOPPED"],
        },
        StateChange::Stop => Verb {
            word: "stop",
            confirms: true,
            warning: Some("Stopping disconnects anyone using these WorkSpaces."),
            final_state: Some("STOPPED"),
            accepts: &["AVAILABLE", "IMPAIRED", "UNHEALTHY", "ERROR"],
        },
        StateChange::Reboot => Verb {
            word: "reboot",
            confirms: true,
            warning: Some("Rebooting disconnects anyone using these WorkSpaces."),
            final_state: Some("AVAILABLE"),
            // The reference names AVAILABLE, UNHEALTHY and REBOOTING (stuck
            // for 20 minutes); the service also reboots IMPAIRED ones, which
            // the documented `list --state impaired | reboot` relies on.
            accepts: &["AVAILABLE", "IMPAIRED", "UNHEALTHY", "REBOOTING"],
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
            accepts: &["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "REBOOTING"],
        },
        StateChange::Terminate => Verb {
            word: "terminate",
            confirms: true,
            warning: Some(
                "Terminating permanently deletes these WorkSpaces and all the data on their \
                 root and user volumes; it cannot be undone.",
            ),
            final_state: None,
            accepts: &[],
        },
    }
}

/// `flags`: `--yes` (never set for `start`) and `--dry-run`.
pub async fn run(
    change: impl Into<Change>,
    args: Args,
    flags: ConfirmArgs,
    ctx: &Context,
) -> Result<()> {
    let change = change.into();
    let verb = verb(&change);
    // Nothing named is never "every WorkSpace", even with --yes: that is
    // asked for with a filter.
    let named = WORKSPACES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() && args.filters.is_empty() {
        return Err(AppError::usage(format!(
            "name the WorkSpaces to {}: IDs, --ids-from FILE, or list filters (--directory, --state, ...)",
            verb.word
        )));
    }
    let prompter = if verb.confirms {
        Some(prompt::for_run(&ctx.printer, &flags, verb.word)?)
    } else {
        None
    };
    // The filters are checked here, before any request.
    args.filters.query(Vec::new())?;
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let targets = places
        .gather(routed.ids, |place, ids| {
            let (client, filters) = (places.workspaces(place).clone(), &args.filters);
            let concurrency = args.bulk.concurrency.get();
            async move {
                let query = filters.query(ids.clone())?;
                let found = workspaces(&client, query).all().await?;
                let found = filters
                    .narrow(&client, found, false, concurrency)
                    .await?
                    .into_iter()
                    .map(|listed| listed.workspace)
                    .collect();
                Ok(select_targets(&ids, found, filters))
            }
        })
        .await?;
    if targets.is_empty() {
        ctx.printer.note(format!("no WorkSpaces to {}", verb.word));
        return Ok(());
    }
    let plan = Plan::new(
        verb.word,
        targets
            .into_iter()
            .map(|t| planned(&change, &verb, t))
            .collect(),
    );
    if let Some(warning) = verb.warning {
        ctx.printer.note(warning);
    }
    if !confirm_plan(ctx, &flags, prompter.as_deref(), places, &plan).await? {
        return Ok(());
    }

    let created = &Mutex::new(Vec::new());
    let change = &change;
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, change.batch_size());
    let report = executor
        .run(verb.word, targets, |batch| {
            // A batch holds the targets of one place.
            let place = batch.first().map(|t| t.place);
            async move {
                let ids: Vec<String> = batch.into_iter().map(|t| t.id).collect();
                match place {
                    Some(place) => {
                        let client = places.workspaces(place);
                        change.send(place, client, ids, created).await
                    }
                    None => Vec::new(),
                }
            }
        })
        .await?;
    let created = created.lock().map(|c| c.clone()).unwrap_or_default();
    for Created { source, id, .. } in &created {
        ctx.printer.note(match change {
            Change::Standby(standby) => {
                format!("{source}: its standby is {id} in {}", standby.region)
            }
            _ => format!("{source} migrated: the new WorkSpace is {id}"),
        });
    }
    // A migration or a standby is done when the WorkSpace it created is.
    let changed = match change {
        Change::Migrate(_) | Change::Standby(_) => created
            .into_iter()
            .map(|c| Placed::new(c.place, c.id))
            .collect(),
        _ => report.done(),
    };
    let interrupted = report.interrupted;
    let finished = report.finish(ctx);
    let Some(timeout) = args.wait.timeout() else {
        return finished;
    };
    if interrupted || changed.is_empty() {
        return finished;
    }
    let settled = match verb.final_state {
        Some(state) => Settled::In(state),
        None => Settled::Gone,
    };
    let waited = until_settled(
        ctx,
        changed,
        settled,
        timeout,
        |place| change.described_with(places, place),
        |place, err| places.blame(place, err),
    )
    .await;
    finished.and(waited)
}

/// A target as the plan sends it, or leaves it out: not found, in a state
/// the change is refused in, or (stop) running ALWAYS_ON.
fn planned(change: &Change, verb: &Verb, found: Placed<Workspace>) -> Planned<Workspace> {
    let id = found.item.workspace_id().unwrap_or_default().to_owned();
    if found.item.state().is_none() {
        return Planned::not_found(found.place, id, found.item);
    }
    let state = found.item.state().map(|s| s.as_str().to_owned());
    let running_mode = found
        .item
        .workspace_properties()
        .and_then(|p| p.running_mode())
        .map(|m| m.as_str().to_owned());
    let mut row = Planned::found(found.place, id, found.item);
    if !verb.accepts.is_empty() {
        row.needs_state(state.as_deref(), verb.word, verb.accepts);
    }
    if matches!(change, Change::Batch(StateChange::Stop))
        && running_mode.as_deref() == Some("ALWAYS_ON")
    {
        row.leave_out("ALWAYS_ON (stop needs running mode AUTO_STOP or MANUAL)");
    }
    row
}

/// The WorkSpaces to change, in the order asked. An ID the service did not
/// describe stays, with only its ID (the plan marks it not found), unless
/// filters were given, which it cannot be checked against.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enum_arg::ApiEnum;
    use aws_sdk_workspaces::types::WorkspaceState;

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
            state: vec![super::super::WorkspaceStateArg::parse("STOPPED").unwrap()],
            ..WorkspaceFilterArgs::default()
        };
        let targets = select_targets(&ids, found, &stopped);
        let order: Vec<_> = targets.iter().filter_map(|w| w.workspace_id()).collect();
        assert_eq!(order, ["ws-bbbbbbbb"]);
    }
}
