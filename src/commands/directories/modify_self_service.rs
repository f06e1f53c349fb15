//! `wsfleet directories modify-self-service`: what users may do to their
//! own WorkSpaces from the client (ModifySelfservicePermissions).

use aws_sdk_workspaces::types::{ReconnectEnum, SelfservicePermissions, WorkspaceDirectory};

use super::{SettingChange, described, show_settings_plan};
use crate::api::directories::modify_selfservice_permissions;
use crate::bulk::Executor;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::{each_target, ids_of};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::resources::DIRECTORIES;
use crate::scope::{Service, route};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-self-service d-1234567890 --rebuild-workspace enabled --dry-run
  wsfleet directories modify-self-service d-1234567890 d-0987654321 --change-compute-type disabled";

api_enum!(
    /// ENABLED or DISABLED
    PermissionArg,
    ReconnectEnum
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Users may restart their WorkSpaces
    #[arg(long)]
    pub restart_workspace: Option<PermissionArg>,

    /// Users may increase the volume size of their WorkSpaces
    #[arg(long)]
    pub increase_volume_size: Option<PermissionArg>,

    /// Users may change the compute type (bundle) of their WorkSpaces
    #[arg(long)]
    pub change_compute_type: Option<PermissionArg>,

    /// Users may switch the running mode of their WorkSpaces
    #[arg(long)]
    pub switch_running_mode: Option<PermissionArg>,

    /// Users may rebuild the operating system of their WorkSpaces
    #[arg(long)]
    pub rebuild_workspace: Option<PermissionArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

type Current = fn(&SelfservicePermissions) -> Option<&ReconnectEnum>;

impl Args {
    /// Each setting given: its name, its new value and how to read the current one.
    fn settings(&self) -> Vec<(&'static str, PermissionArg, Current)> {
        let all: [(&'static str, Option<PermissionArg>, Current); 5] = [
            (
                "RestartWorkspace",
                self.restart_workspace,
                SelfservicePermissions::restart_workspace,
            ),
            (
                "IncreaseVolumeSize",
                self.increase_volume_size,
                SelfservicePermissions::increase_volume_size,
            ),
            (
                "ChangeComputeType",
                self.change_compute_type,
                SelfservicePermissions::change_compute_type,
            ),
            (
                "SwitchRunningMode",
                self.switch_running_mode,
                SelfservicePermissions::switch_running_mode,
            ),
            (
                "RebuildWorkspace",
                self.rebuild_workspace,
                SelfservicePermissions::rebuild_workspace,
            ),
        ];
        all.into_iter()
            .filter_map(|(name, value, current)| Some((name, value?, current)))
            .collect()
    }

    fn permissions(&self) -> SelfservicePermissions {
        let sdk = |v: Option<PermissionArg>| v.map(PermissionArg::to_sdk);
        SelfservicePermissions::builder()
            .set_restart_workspace(sdk(self.restart_workspace))
            .set_increase_volume_size(sdk(self.increase_volume_size))
            .set_change_compute_type(sdk(self.change_compute_type))
            .set_switch_running_mode(sdk(self.switch_running_mode))
            .set_rebuild_workspace(sdk(self.rebuild_workspace))
            .build()
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let settings = args.settings();
    if settings.is_empty() {
        return Err(AppError::usage(
            "nothing to modify: give at least one permission (--restart-workspace, --rebuild-workspace, ...)",
        ));
    }
    let named = DIRECTORIES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the directories to modify: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let directories = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { described(client, &ids).await }
        })
        .await?;
    let changes: Vec<SettingChange> = settings
        .iter()
        .map(|&(name, value, current)| {
            let before: super::CurrentValue = Box::new(move |d: &WorkspaceDirectory| {
                d.selfservice_permissions()
                    .and_then(current)
                    .map(|v| v.as_str().to_owned())
            });
            (name, value.api_value().to_owned(), before)
        })
        .collect();
    show_settings_plan(ctx, "SelfservicePermissions", &directories, &changes);
    if args.change.dry_run {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    let permissions = args.permissions();
    // ModifySelfservicePermissions takes one directory a call.
    let report =
        Executor::for_verb(ctx, &args.bulk, places, 1)
            .run(
                "modify",
                ids_of(&directories, WorkspaceDirectory::directory_id),
                |batch| {
                    each_target(batch, |target| {
                        let client = places.workspaces(target.place);
                        let permissions = permissions.clone();
                        async move {
                            modify_selfservice_permissions(client, &target.id, permissions).await
                        }
                    })
                },
            )
            .await?;
    report.finish(ctx)
}
