//! `wsfleet workspaces optimize`

use std::collections::HashMap;

use aws_sdk_workspaces::types::{RunningMode, WorkspaceProperties};

use super::WorkspaceFilterArgs;
use super::usage::{PeriodArgs, assessed_rows};
use crate::api::workspaces::modify_workspace_properties;
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::commands::plan::{confirm_plan, each_target};
use crate::context::Context;
use crate::error::Result;
use crate::prompt;
use crate::resources::WORKSPACES;
use crate::scope::{Placed, Service, route};
use crate::usage::advice::{Action, SKIP_CONVERT_TAG};
use crate::usage::row::UsageRow;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces optimize --month 2026-10 --dry-run
  wsfleet workspaces optimize --directory d-90670b1234 --threshold Standard=90 --yes
  wsfleet workspaces optimize ws-abc12345 ws-def67890 --yes
  wsfleet workspaces optimize --region all --profile prod --profile dev

Switches each WorkSpace whose running mode costs more than the other for its billable
hours (see `workspaces usage`); WorkSpaces tagged Skip_Convert are reported, never changed.";

#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// These WorkSpaces (IDs or --ids-from); none: every WorkSpace the filters select
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,

    #[command(flatten)]
    pub period: PeriodArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

const MID_MONTH_WARNING: &str = "switching AUTO_STOP to ALWAYS_ON during a month bills that month \
both ways: the hours so far and the monthly price (prorated); the 1st of a month is the cheapest \
day to switch";

pub async fn run(args: OptimizeArgs, ctx: &Context) -> Result<()> {
    let how = args.period.assessment(None, args.bulk.concurrency.get())?;
    args.filters.check()?;
    let named = WORKSPACES.targets(&args.targets, args.bulk.resume.as_ref())?;
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "optimize")?;
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let rows = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place).clone();
            let cloudwatch = places.cloudwatch(place).clone();
            assessed_rows(client, cloudwatch, ids, &args.filters, &how)
        })
        .await?;
    let skipped = rows
        .iter()
        .filter(|row| row.item.action() == Action::Skip)
        .count();
    if skipped > 0 {
        ctx.printer.note(format!(
            "{skipped} WorkSpace(s) tagged {SKIP_CONVERT_TAG} left as they are"
        ));
    }
    let (switching, unmodifiable): (Vec<Placed<UsageRow>>, Vec<Placed<UsageRow>>) = rows
        .into_iter()
        .filter(|row| row.item.action() == Action::Switch)
        .partition(|row| row.item.modifiable());
    if !unmodifiable.is_empty() {
        let ids: Vec<&str> = unmodifiable
            .iter()
            .filter_map(|row| row.item.id())
            .collect();
        ctx.printer.note(format!(
            "{} WorkSpace(s) recommended a switch are neither AVAILABLE nor STOPPED, so cannot \
             be modified now: {}",
            ids.len(),
            ids.join(", ")
        ));
    }
    if switching.is_empty() {
        ctx.printer
            .note("no WorkSpace's running mode costs more than the other: nothing to switch");
        return Ok(());
    }
    if switching
        .iter()
        .any(|row| row.item.advice.recommended == Some(RunningMode::AlwaysOn))
    {
        ctx.printer.note(format!("warning: {MID_MONTH_WARNING}"));
    }
    let rows = switching
        .iter()
        .map(|row| {
            let id = row.item.id().unwrap_or_default();
            let mut planned = Planned::found(row.place, id, row.item.clone());
            planned.change(
                "running mode",
                row.item.running_mode().map(RunningMode::as_str),
                row.item
                    .advice
                    .recommended
                    .as_ref()
                    .map(RunningMode::as_str),
            );
            planned
        })
        .collect();
    let plan = Plan::new("switch the running mode of", rows);
    if !confirm_plan(ctx, &args.confirm, Some(&*prompter), places, &plan).await? {
        return Ok(());
    }
    let modes: HashMap<String, RunningMode> = switching
        .iter()
        .filter_map(|row| {
            Some((
                row.item.id()?.to_owned(),
                row.item.advice.recommended.clone()?,
            ))
        })
        .collect();
    let modes = &modes;
    // ModifyWorkspaceProperties takes one WorkSpace a call.
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, 1);
    let report = executor
        .run("optimize", targets, |batch| {
            each_target(batch, |target| {
                let client = places.workspaces(target.place);
                let properties = WorkspaceProperties::builder()
                    .set_running_mode(modes.get(&target.id).cloned())
                    .build();
                async move { modify_workspace_properties(client, &target.id, properties).await }
            })
        })
        .await?;
    report.finish(ctx)
}
