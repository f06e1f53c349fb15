//! `wsfleet workspaces modify`

use aws_sdk_workspaces::types::{Workspace, WorkspaceProperties};

use super::wait::{Settled, until_settled};
use super::{ComputeArg, OperatingSystemArg, ProtocolArg, RunningModeArg};
use crate::api::workspaces::{describe_workspaces, modify_workspace_properties};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::{confirm_plan, each_target, in_order_asked};
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::WORKSPACES;
use crate::resources::workspaces::placeholder;
use crate::scope::Service;
use crate::scope::{PlaceId, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces modify ws-abc12345 --set-running-mode auto-stop --set-auto-stop-timeout 120
  wsfleet workspaces modify ws-abc12345 ws-def67890 --set-compute-type power --wait
  wsfleet workspaces modify ws-abc12345 --set-os windows-11";

/// The flags `create` spells `--running-mode`, `--compute-type`, … set a
/// value here too, but `workspaces list` filters with those names: in
/// `modify` they are `--set-…`. The old spelling stays, hidden, where no
/// filter has it.
fn as_change(arg: clap::Arg) -> clap::Arg {
    let plain = arg.get_long().unwrap_or_default().to_owned();
    let arg = arg
        .long(format!("set-{plain}"))
        .help_heading(crate::cli::CHANGES);
    if ["running-mode", "compute-type", "os"].contains(&plain.as_str()) {
        arg
    } else {
        arg.alias(plain)
    }
}

#[derive(Debug, clap::Args)]
#[command(
    mut_arg("wait_timeout", |arg| arg.default_value("1h")),
    mut_arg("running_mode", as_change),
    mut_arg("auto_stop_timeout", as_change),
    mut_arg("root_volume_size", as_change),
    mut_arg("user_volume_size", as_change),
    mut_arg("compute_type", as_change),
    mut_arg("protocol", as_change),
    mut_arg("os", as_change)
)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    #[command(flatten)]
    pub properties: PropertyArgs,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// WorkspaceProperties as flags, for `create` and `modify`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PropertyArgs {
    /// Running mode
    #[arg(long)]
    pub running_mode: Option<RunningModeArg>,

    /// AUTO_STOP: minutes after the user logs off before the WorkSpace stops (a multiple of 60)
    #[arg(long, value_name = "MINUTES")]
    pub auto_stop_timeout: Option<i32>,

    /// Root volume size in GiB
    #[arg(long, value_name = "GIB")]
    pub root_volume_size: Option<i32>,

    /// User volume size in GiB
    #[arg(long, value_name = "GIB")]
    pub user_volume_size: Option<i32>,

    /// Compute type
    #[arg(long)]
    pub compute_type: Option<ComputeArg>,

    /// Streaming protocol (repeatable)
    #[arg(long)]
    pub protocol: Vec<ProtocolArg>,

    /// Operating system name
    #[arg(long)]
    pub os: Option<OperatingSystemArg>,
}

impl PropertyArgs {
    pub fn is_empty(&self) -> bool {
        self.running_mode.is_none()
            && self.auto_stop_timeout.is_none()
            && self.root_volume_size.is_none()
            && self.user_volume_size.is_none()
            && self.compute_type.is_none()
            && self.protocol.is_empty()
            && self.os.is_none()
    }

    /// The properties, after the checks the service would make anyway.
    pub fn to_sdk(&self) -> Result<WorkspaceProperties> {
        self.to_sdk_as("--")
    }

    /// [`Self::to_sdk`], an error naming the flags as spelled after `prefix`
    /// (`--set-` in `modify`).
    fn to_sdk_as(&self, prefix: &str) -> Result<WorkspaceProperties> {
        if let Some(minutes) = self.auto_stop_timeout
            && (minutes <= 0 || minutes % 60 != 0)
        {
            return Err(AppError::usage(format!(
                "{prefix}auto-stop-timeout {minutes}: must be a positive multiple of 60 minutes"
            )));
        }
        for (flag, size) in [
            ("root-volume-size", self.root_volume_size),
            ("user-volume-size", self.user_volume_size),
        ] {
            if let Some(size) = size
                && size <= 0
            {
                return Err(AppError::usage(format!(
                    "{prefix}{flag} {size}: must be positive"
                )));
            }
        }
        let protocols =
            (!self.protocol.is_empty()).then(|| self.protocol.iter().map(|p| p.to_sdk()).collect());
        Ok(WorkspaceProperties::builder()
            .set_running_mode(self.running_mode.map(RunningModeArg::to_sdk))
            .set_running_mode_auto_stop_timeout_in_minutes(self.auto_stop_timeout)
            .set_root_volume_size_gib(self.root_volume_size)
            .set_user_volume_size_gib(self.user_volume_size)
            .set_compute_type_name(self.compute_type.map(ComputeArg::to_sdk))
            .set_protocols(protocols)
            .set_operating_system_name(self.os.map(OperatingSystemArg::to_sdk))
            .build())
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.properties.is_empty() {
        return Err(AppError::usage(
            "nothing to modify: give at least one property (--set-running-mode, --set-compute-type, --set-os, ...)",
        ));
    }
    let properties = args.properties.to_sdk_as("--set-")?;
    let named = WORKSPACES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the WorkSpaces to modify: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let rows = places
        .gather(routed.ids, |place, ids| {
            let (client, properties) = (places.workspaces(place).clone(), &properties);
            async move {
                let found = describe_workspaces(&client, &ids).await?;
                let found = in_order_asked(&ids, found, Workspace::workspace_id, placeholder);
                Ok(found
                    .into_iter()
                    .map(|workspace| planned(place, workspace, properties))
                    .collect())
            }
        })
        .await?;
    let plan = Plan::new("modify", rows.into_iter().map(|p| p.item).collect());
    if !confirm_plan(ctx, &args.change.into(), None, places, &plan).await? {
        return Ok(());
    }
    // ModifyWorkspaceProperties takes one WorkSpace a call.
    let (executor, targets) = plan.executor(ctx, &args.bulk, places, 1);
    let report = executor
        .run("modify", targets, |batch| {
            each_target(batch, |target| {
                let (client, properties) = (places.workspaces(target.place), properties.clone());
                async move { modify_workspace_properties(client, &target.id, properties).await }
            })
        })
        .await?;
    let (modified, interrupted) = (report.done(), report.interrupted);
    let finished = report.finish(ctx);
    match args.wait.timeout() {
        Some(timeout) if !interrupted && !modified.is_empty() => {
            let waited = until_settled(
                ctx,
                modified,
                Settled::Modified,
                timeout,
                |place| places.workspaces(place),
                |place, err| places.blame(place, err),
            )
            .await;
            finished.and(waited)
        }
        _ => finished,
    }
}

/// A WorkSpace as the plan modifies it: each property given, before →
/// after; left out when every one already has its value, or when its state
/// is one the service refuses a modification in.
fn planned(
    place: PlaceId,
    workspace: Workspace,
    properties: &WorkspaceProperties,
) -> Planned<Workspace> {
    let id = workspace.workspace_id().unwrap_or_default().to_owned();
    if workspace.state().is_none() {
        return Planned::not_found(place, id, workspace);
    }
    let state = workspace.state().map(|s| s.as_str().to_owned());
    let now = workspace
        .workspace_properties()
        .cloned()
        .unwrap_or_else(|| WorkspaceProperties::builder().build());
    let protocols = |p: &WorkspaceProperties| {
        let list: Vec<&str> = p.protocols().iter().map(|p| p.as_str()).collect();
        (!list.is_empty()).then(|| list.join(","))
    };
    let mut row = Planned::found(place, id, workspace);
    row.change(
        "running mode",
        now.running_mode().map(|m| m.as_str()),
        properties.running_mode().map(|m| m.as_str()),
    )
    .change(
        "auto-stop timeout",
        now.running_mode_auto_stop_timeout_in_minutes(),
        properties.running_mode_auto_stop_timeout_in_minutes(),
    )
    .change(
        "root volume GiB",
        now.root_volume_size_gib(),
        properties.root_volume_size_gib(),
    )
    .change(
        "user volume GiB",
        now.user_volume_size_gib(),
        properties.user_volume_size_gib(),
    )
    .change(
        "compute type",
        now.compute_type_name().map(|c| c.as_str()),
        properties.compute_type_name().map(|c| c.as_str()),
    )
    .change("protocols", protocols(&now), protocols(properties))
    .change(
        "operating system",
        now.operating_system_name().map(|o| o.as_str()),
        properties.operating_system_name().map(|o| o.as_str()),
    )
    .settle_unchanged()
    .needs_state(state.as_deref(), "modify", &["AVAILABLE", "STOPPED"]);
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enum_arg::ApiEnum;

    #[test]
    fn properties_are_checked_before_sending() {
        let mut properties = PropertyArgs {
            auto_stop_timeout: Some(90),
            ..PropertyArgs::default()
        };
        assert_eq!(properties.to_sdk().unwrap_err().exit_code(), 2);
        properties.auto_stop_timeout = Some(120);
        properties.os = Some(OperatingSystemArg::parse("ubuntu_22_04").unwrap());
        let sdk = properties.to_sdk().unwrap();
        assert_eq!(sdk.running_mode_auto_stop_timeout_in_minutes(), Some(120));
        assert_eq!(
            sdk.operating_system_name().map(|o| o.as_str()),
            Some("UBUNTU_22_04")
        );
    }
}
