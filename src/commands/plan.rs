//! The steps every destructive verb takes between finding its targets and
//! touching them: the plan, then the question.

use std::collections::HashMap;
use std::future::Future;

use crate::api::WorkspacesClient;
use crate::bulk::plan::{Plan, Planned, Verdict};
use crate::bulk::targets::{Named, TargetArgs};
use crate::bulk::{BatchResult, Target};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::Resource;
use crate::prompt::{self, Prompter};
use crate::resources::Kind;
use crate::scope::{Places, Service, route};

/// The steps between a verb's plan and its run: the plan is shown when the
/// verb asks first (`prompter`) or under `--dry-run`, then the question,
/// for what the plan sends. `Ok(false)`: nothing to do (no targets, or
/// `--dry-run`). A plan that leaves every target out asks nothing and goes
/// on: the run then records each as left out, sending nothing.
pub async fn confirm_plan<T: Resource>(
    ctx: &Context,
    flags: &ConfirmArgs,
    prompter: Option<&dyn Prompter>,
    places: &Places,
    plan: &Plan<T>,
) -> Result<bool> {
    if plan.rows.is_empty() {
        ctx.printer.note(format!(
            "no {} match: nothing to {}",
            crate::output::plural(T::KIND),
            plan.action
        ));
        return Ok(false);
    }
    if (prompter.is_some() || flags.dry_run()) && !plan.show(ctx, flags, places).await? {
        return Ok(false);
    }
    if let Some(prompter) = prompter
        && plan.to_send() > 0
    {
        prompt::require_confirmation(prompter, &plan.action, plan.to_send())?;
    }
    Ok(true)
}

/// The rest of a verb once its plan is made: the plan and the question
/// ([`confirm_plan`]), then `send` on each target the plan sends, one call
/// a target through the executor (journaled as `action`), and the results.
pub async fn send_each<T, S, SFut>(
    ctx: &Context,
    (flags, prompter): (&ConfirmArgs, Option<&dyn Prompter>),
    (places, bulk): (&Places, &BulkArgs),
    (action, plan): (&'static str, Plan<T>),
    send: S,
) -> Result<()>
where
    T: Resource,
    S: Fn(Target) -> SFut,
    SFut: Future<Output = Result<()>>,
{
    if !confirm_plan(ctx, flags, prompter, places, &plan).await? {
        return Ok(());
    }
    let (executor, targets) = plan.executor(ctx, bulk, places, 1);
    let report = executor
        .run(action, targets, |batch| each_target(batch, &send))
        .await?;
    report.finish(ctx)
}

/// The places of a verb that changes the one target it names: the
/// session's region and account, or the one `--region`/`--profile` name.
pub async fn one_place(ctx: &Context, service: Service, id: &str) -> Result<Places> {
    let named = vec![Named {
        id: id.to_owned(),
        region: None,
        account: None,
    }];
    Ok(route(ctx, service, named).await?.places)
}

/// [`confirm_plan`] for a verb that changes one target and prints it (no
/// executor, no results table): `Ok(true)`: send it. A target the plan
/// leaves out is a note and nothing is sent; one not found fails.
pub async fn confirm_one<T: Resource>(
    ctx: &Context,
    flags: &ConfirmArgs,
    prompter: Option<&dyn Prompter>,
    places: &Places,
    plan: &Plan<T>,
) -> Result<bool> {
    if !confirm_plan(ctx, flags, prompter, places, plan).await? {
        return Ok(false);
    }
    for row in &plan.rows {
        match &row.verdict {
            Verdict::Send => {}
            Verdict::LeftOut(reason) => {
                ctx.printer.note(format!(
                    "nothing was sent: {} {} left out: {reason}",
                    T::KIND,
                    row.id
                ));
                return Ok(false);
            }
            Verdict::NotFound => {
                return Err(AppError::Failed(format!("no {} {}", T::KIND, row.id)));
            }
        }
    }
    Ok(true)
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

/// Why some targets of a removal would fail, by ID ("used by bundle
/// wsb-…"), looked up in the targets' place: they are left out.
pub type Blockers = fn(
    WorkspacesClient,
    Vec<String>,
) -> futures::future::BoxFuture<'static, Result<HashMap<String, String>>>;

/// How a WorkSpaces resource that goes one a call is removed: the action's
/// word, the kind, and how its description is read.
pub struct RemoveEach<T> {
    /// "delete", "deregister".
    pub action: &'static str,
    pub kind: &'static Kind,
    pub id_of: fn(&T) -> Option<&str>,
    /// Whether the describe found it (the stand-in for a target it did not
    /// find has only its ID).
    pub found: fn(&T) -> bool,
    /// What keeps some targets from being removed; `None`: nothing known.
    pub blocked_by: Option<Blockers>,
}

/// The whole of `images delete`, `bundles delete`, `ip-groups delete` and
/// `directories deregister`: targets named, routed and described, the plan,
/// the question, then one call a target through the executor. A target the
/// describe did not find is marked in the plan and fails as not found,
/// unsent, because some of these APIs answer success for what is not there;
/// one that `blocked_by` names is left out with its reason.
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
    let rows = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place).clone();
            let (describe, how) = (&describe, &how);
            async move {
                let blocked = match how.blocked_by {
                    Some(blockers) => blockers(client.clone(), ids.clone()).await?,
                    None => HashMap::new(),
                };
                let found = describe(client, ids).await?;
                Ok(found
                    .into_iter()
                    .map(|item| {
                        let id = (how.id_of)(&item).unwrap_or_default().to_owned();
                        if !(how.found)(&item) {
                            return Planned::not_found(place, id, item);
                        }
                        let mut row = Planned::found(place, id, item);
                        if let Some(reason) = blocked.get(&row.id) {
                            row.leave_out(reason.clone());
                        }
                        row
                    })
                    .collect())
            }
        })
        .await?;
    let plan = Plan::new(how.action, rows.into_iter().map(|p| p.item).collect());
    send_each(
        ctx,
        (confirm, Some(&*prompter)),
        (places, bulk),
        (how.action, plan),
        |target| remove(places.workspaces(target.place).clone(), target.id),
    )
    .await
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
