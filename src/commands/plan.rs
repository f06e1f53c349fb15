//! The steps every destructive verb takes between finding its targets and
//! touching them: the plan, then the question.

use std::collections::HashSet;
use std::future::Future;

use crate::api::WorkspacesClient;
use crate::api::workspaces::service_error;
use crate::bulk::targets::TargetArgs;
use crate::bulk::{BatchResult, Executor, Target, show_plan};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::Resource;
use crate::prompt::{self, Prompter};
use crate::resources::Kind;
use crate::scope::{PlaceId, Placed, Places, Service, route};

/// Shows the plan and asks. `Ok(false)`: nothing to do (no targets, or
/// `--dry-run`); `Ok(true)`: go ahead; a no is [`crate::error::AppError::Declined`].
pub fn confirm<T: Resource>(
    ctx: &Context,
    flags: &ConfirmArgs,
    prompter: &dyn Prompter,
    action: &'static str,
    places: &Places,
    items: &[Placed<T>],
) -> Result<bool> {
    if items.is_empty() {
        ctx.printer.note(format!(
            "no {} match: nothing to {action}",
            crate::output::plural(T::KIND)
        ));
        return Ok(false);
    }
    if !show_plan(ctx, flags, action, places, items)? {
        return Ok(false);
    }
    prompt::require_confirmation(prompter, action, items.len())?;
    Ok(true)
}

/// The IDs of the items with their places, in order: the executor's targets.
pub fn ids_of<T>(items: &[Placed<T>], id: impl Fn(&T) -> Option<&str>) -> Vec<Placed<String>> {
    items
        .iter()
        .filter_map(|placed| id(&placed.item).map(|id| Placed::new(placed.place, id.to_owned())))
        .collect()
}

/// One request a target, in turn: the batch body of the per-item APIs
/// (batch size 1), so each verb writes only its call.
pub async fn each_target<F, Fut>(batch: Vec<Target>, call: F) -> BatchResult
where
    F: Fn(Target) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut results = Vec::with_capacity(batch.len());
    for target in batch {
        let id = target.id.clone();
        results.push((id, call(target).await));
    }
    results
}

/// What a describe found of `ids`, in the order asked, with a stand-in
/// (`absent`, no state) for each ID it did not find: the plan still shows
/// it, and the run fails it as not found rather than reporting it done.
pub fn in_order_asked<T>(
    ids: &[String],
    mut found: Vec<T>,
    id_of: impl Fn(&T) -> Option<&str>,
    absent: impl Fn(&str) -> T,
) -> Vec<T> {
    found.sort_by_key(|item| ids.iter().position(|id| id_of(item) == Some(id.as_str())));
    for id in ids {
        if !found.iter().any(|item| id_of(item) == Some(id.as_str())) {
            found.push(absent(id));
        }
    }
    found
}

/// The flags of a verb that removes one target a call: the targets, the
/// confirmation and the bulk options.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// How a WorkSpaces resource that goes one a call is removed: the action's
/// word, the kind, and how its description is read.
pub struct RemoveEach<T> {
    /// "delete", "deregister".
    pub action: &'static str,
    pub kind: &'static Kind,
    /// The describe call, named in the not-found error of a target it did
    /// not find.
    pub describe_operation: &'static str,
    pub id_of: fn(&T) -> Option<&str>,
    /// Whether the describe found it (the stand-in for a target it did not
    /// find has only its ID).
    pub found: fn(&T) -> bool,
}

/// The whole of `images delete`, `bundles delete`, `ip-groups delete` and
/// `directories deregister`: targets named, routed and described, the plan,
/// the question, then one call a target through the executor. A target the
/// describe did not find stays in the plan and fails as not found, unsent,
/// because some of these APIs answer success for what is not there.
pub async fn remove_each<T, D, DFut, R, RFut>(
    ctx: &Context,
    args: (&TargetArgs, &ConfirmArgs, &BulkArgs),
    how: RemoveEach<T>,
    describe: D,
    remove: R,
) -> Result<()>
where
    T: Resource,
    D: Fn(WorkspacesClient, Vec<String>) -> DFut,
    DFut: Future<Output = Result<Vec<T>>>,
    R: Fn(WorkspacesClient, String) -> RFut,
    RFut: Future<Output = Result<()>>,
{
    let (targets, confirm, bulk) = args;
    let prompter = prompt::for_run(&ctx.printer, confirm, how.action)?;
    let named = how.kind.targets(targets, bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(format!(
            "name the {} to {}: IDs or --ids-from FILE",
            crate::output::plural(how.kind.singular),
            how.action
        )));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let items = places
        .gather(routed.ids, |place, ids| {
            describe(places.workspaces(place).clone(), ids)
        })
        .await?;
    if !show_plan(ctx, confirm, how.action, places, &items)? {
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, how.action, items.len())?;
    let found: HashSet<(PlaceId, &str)> = items
        .iter()
        .filter(|placed| (how.found)(&placed.item))
        .filter_map(|placed| Some((placed.place, (how.id_of)(&placed.item)?)))
        .collect();
    let report = Executor::for_verb(ctx, bulk, places, 1)
        .run(how.action, ids_of(&items, how.id_of), |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place).clone();
                let known = found.contains(&(target.place, target.id.as_str()));
                let not_found = format!("no {} {}", how.kind.singular, target.id);
                let call = known.then(|| remove(client, target.id));
                async move {
                    match call {
                        Some(call) => call.await,
                        None => Err(service_error(
                            how.describe_operation,
                            "ResourceNotFoundException",
                            &not_found,
                        )),
                    }
                }
            })
        })
        .await?;
    report.finish(ctx)
}

/// What `share` and `unshare` change: one resource, for each account.
pub struct Sharing<'a> {
    pub resource: &'a str,
    pub accounts: &'a [String],
    /// Share (`true`) or stop sharing.
    pub allow: bool,
    pub dry_run: bool,
}

/// The whole of `images share|unshare` and `connection-aliases
/// share|unshare`: one call an account, in turn, through `set`; an
/// account that fails is reported and the others still go.
pub async fn share_each<F, Fut>(ctx: &Context, sharing: Sharing<'_>, set: F) -> Result<()>
where
    F: Fn(WorkspacesClient, String) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let Sharing {
        resource,
        accounts,
        allow,
        dry_run,
    } = sharing;
    let (verb, done) = if allow {
        ("share", "shared with")
    } else {
        ("unshare", "no longer shared with")
    };
    if dry_run {
        ctx.printer.note(format!(
            "dry run: would {verb} {resource} with {}; nothing was changed",
            accounts.join(", ")
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let mut failures = 0;
    for account in accounts {
        match set(client.clone(), account.clone()).await {
            Ok(()) => ctx.printer.note(format!("{resource} {done} {account}")),
            Err(err) => {
                failures += 1;
                ctx.printer.report(&err, Some(account));
            }
        }
    }
    if failures > 0 {
        return Err(AppError::Failed(format!(
            "{failures} of {} accounts failed",
            accounts.len()
        )));
    }
    Ok(())
}
