//! `wsfleet directories modify-self-service`: what users may do to their
//! own WorkSpaces from the client (ModifySelfservicePermissions).

use aws_sdk_workspaces::types::{ReconnectEnum, SelfservicePermissions};

use super::settings::{Change, given, modify_directories};
use crate::api::directories::modify_selfservice_permissions;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;

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

impl Args {
    pub fn change(&self) -> Change {
        let value = |v: Option<PermissionArg>| v.map(|v| v.api_value().to_owned());
        Change {
            action: "modify",
            group: "SelfservicePermissions",
            settings: given([
                ("RestartWorkspace", value(self.restart_workspace)),
                ("IncreaseVolumeSize", value(self.increase_volume_size)),
                ("ChangeComputeType", value(self.change_compute_type)),
                ("SwitchRunningMode", value(self.switch_running_mode)),
                ("RebuildWorkspace", value(self.rebuild_workspace)),
            ]),
            flags: "--restart-workspace, --increase-volume-size, --change-compute-type, --switch-running-mode, --rebuild-workspace",
        }
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
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.permissions(),
        |client, id, permissions| async move {
            modify_selfservice_permissions(&client, &id, permissions).await
        },
    )
    .await
}
