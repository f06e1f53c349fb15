//! `wsfleet workspaces`: Amazon WorkSpaces and their lifecycle.

pub mod applications;
pub mod connections;
pub mod create;
pub mod create_standby;
mod filter;
pub mod get;
pub mod lifecycle;

use lifecycle::Change;
pub mod list;
pub mod modify;
pub mod optimize;
pub mod snapshots;
pub mod tag;
pub mod usage;
mod wait;

use aws_sdk_workspaces::types::{
    ApplicationAssociatedResourceType, Compute, DataReplication, ImageType, OperatingSystemName,
    Protocol, RunningMode, WorkSpaceApplicationLicenseType, WorkspaceState,
};
use clap::Subcommand;

use super::tagging;

use crate::api::workspaces::StateChange;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;
use crate::resources::WORKSPACES;

pub use filter::{SelectArgs, WorkspaceFilterArgs};

/// The end of `wsfleet workspaces --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces list --state stopped --running-mode auto_stop
  wsfleet workspaces start --directory d-90670b1234 --state stopped --wait
  wsfleet workspaces reboot ws-abc12345 ws-def67890 --yes
  wsfleet workspaces terminate --ids-from leavers.txt --dry-run";

#[derive(Debug, Subcommand)]
pub enum WorkspacesCommand {
    /// List WorkSpaces (every page), filtered by the API and client-side
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one WorkSpace
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create one WorkSpace from flags, or many from a CSV/JSON file
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Create a standby WorkSpace in another Region for each primary WorkSpace
    #[command(after_long_help = create_standby::EXAMPLES)]
    CreateStandby(create_standby::StandbyArgs),
    /// Change WorkSpace properties (running mode, volumes, compute, protocol, OS)
    #[command(after_long_help = modify::EXAMPLES)]
    Modify(modify::Args),
    /// Start stopped WorkSpaces (AUTO_STOP or MANUAL)
    #[command(after_long_help = lifecycle::START_EXAMPLES)]
    Start(lifecycle::StartArgs),
    /// Stop running WorkSpaces (AUTO_STOP or MANUAL)
    #[command(after_long_help = lifecycle::STOP_EXAMPLES)]
    Stop(lifecycle::ConfirmedArgs),
    /// Reboot WorkSpaces
    #[command(after_long_help = lifecycle::REBOOT_EXAMPLES)]
    Reboot(lifecycle::ConfirmedArgs),
    /// Rebuild WorkSpaces from their bundle: root volume and recent user data are lost
    #[command(after_long_help = lifecycle::REBUILD_EXAMPLES)]
    Rebuild(lifecycle::ConfirmedArgs),
    /// Terminate WorkSpaces: they and all their data are deleted for good
    #[command(after_long_help = lifecycle::TERMINATE_EXAMPLES)]
    Terminate(lifecycle::ConfirmedArgs),
    /// Restore WorkSpaces from their last snapshots: newer changes are lost
    #[command(after_long_help = lifecycle::RESTORE_EXAMPLES)]
    Restore(lifecycle::ConfirmedArgs),
    /// Recreate WorkSpaces from another bundle, keeping the user volume (new IDs)
    #[command(after_long_help = lifecycle::MIGRATE_EXAMPLES)]
    Migrate(lifecycle::MigrateArgs),
    /// Put WorkSpaces into admin maintenance, or take them out of it
    #[command(subcommand, after_long_help = lifecycle::MAINTENANCE_EXAMPLES)]
    Maintenance(MaintenanceCommand),
    /// Billable hours and the cheaper running mode, by the Cost Optimizer's rule
    #[command(after_long_help = usage::EXAMPLES)]
    Usage(usage::UsageArgs),
    /// Switch WorkSpaces to the running mode `usage` recommends
    #[command(after_long_help = optimize::EXAMPLES)]
    Optimize(optimize::OptimizeArgs),
    /// Connection state and last user connection of WorkSpaces
    #[command(after_long_help = connections::EXAMPLES)]
    Connections(SelectArgs),
    /// The snapshots WorkSpaces can be restored or rebuilt from, with their times
    #[command(after_long_help = snapshots::EXAMPLES)]
    Snapshots(SelectArgs),
    /// The applications associated with one WorkSpace
    #[command(after_long_help = applications::EXAMPLES)]
    Applications(applications::Args),
    /// List a WorkSpace's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on WorkSpaces, named or selected by the list filters
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES, mut_arg("words", |arg| arg.help(
        "The WorkSpace's ID, then the tags to add or overwrite (with --ids-from or a filter, only the tags)"
    )))]
    Tag(tag::SelectedTagArgs),
    /// Remove tags from WorkSpaces, named or selected by the list filters
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES, mut_arg("words", |arg| arg.help(
        "The WorkSpace's ID, then the tag keys to remove (with --ids-from or a filter, only the keys)"
    )))]
    Untag(tag::SelectedUntagArgs),
}

/// `workspaces maintenance on|off` (ModifyWorkspaceState).
#[derive(Debug, Subcommand)]
pub enum MaintenanceCommand {
    /// Into ADMIN_MAINTENANCE (from AVAILABLE or STOPPED): no user can connect
    #[command(after_long_help = lifecycle::MAINTENANCE_EXAMPLES)]
    On(lifecycle::StartArgs),
    /// Back to AVAILABLE
    #[command(after_long_help = lifecycle::MAINTENANCE_EXAMPLES)]
    Off(lifecycle::StartArgs),
}

pub async fn run(command: WorkspacesCommand, ctx: &Context) -> Result<()> {
    match command {
        WorkspacesCommand::List(args) => list::run(args, ctx).await,
        WorkspacesCommand::Get(args) => get::run(args, ctx).await,
        WorkspacesCommand::Create(args) => create::run(args, ctx).await,
        WorkspacesCommand::CreateStandby(args) => create_standby::run(args, ctx).await,
        WorkspacesCommand::Modify(args) => modify::run(args, ctx).await,
        WorkspacesCommand::Start(args) => {
            lifecycle::run(StateChange::Start, args.common, args.change.into(), ctx).await
        }
        WorkspacesCommand::Stop(args) => {
            lifecycle::run(StateChange::Stop, args.common, args.confirm, ctx).await
        }
        WorkspacesCommand::Reboot(args) => {
            lifecycle::run(StateChange::Reboot, args.common, args.confirm, ctx).await
        }
        WorkspacesCommand::Rebuild(args) => {
            lifecycle::run(StateChange::Rebuild, args.common, args.confirm, ctx).await
        }
        WorkspacesCommand::Terminate(args) => {
            lifecycle::run(StateChange::Terminate, args.common, args.confirm, ctx).await
        }
        WorkspacesCommand::Restore(args) => {
            lifecycle::run(Change::Restore, args.common, args.confirm, ctx).await
        }
        WorkspacesCommand::Migrate(args) => {
            let change = Change::Migrate(args.to_bundle.into());
            let confirmed = args.confirmed;
            lifecycle::run(change, confirmed.common, confirmed.confirm, ctx).await
        }
        WorkspacesCommand::Maintenance(command) => {
            let (on, args) = match command {
                MaintenanceCommand::On(args) => (true, args),
                MaintenanceCommand::Off(args) => (false, args),
            };
            lifecycle::run(
                Change::Maintenance(on),
                args.common,
                args.change.into(),
                ctx,
            )
            .await
        }
        WorkspacesCommand::Usage(args) => usage::run(args, ctx).await,
        WorkspacesCommand::Optimize(args) => optimize::run(args, ctx).await,
        WorkspacesCommand::Connections(args) => connections::run(args, ctx).await,
        WorkspacesCommand::Snapshots(args) => snapshots::run(args, ctx).await,
        WorkspacesCommand::Applications(args) => applications::run(args, ctx).await,
        WorkspacesCommand::Tags(args) => tagging::tags(args, &WORKSPACES, ctx).await,
        WorkspacesCommand::Tag(args) => tag::tag(args, ctx).await,
        WorkspacesCommand::Untag(args) => tag::untag(args, ctx).await,
    }
}

api_enum!(
    /// A compute type (ComputeTypeName)
    ComputeArg,
    Compute
);
api_enum!(
    /// An operating system (OperatingSystemName)
    OperatingSystemArg,
    OperatingSystemName
);
api_enum!(
    /// A running mode
    RunningModeArg,
    RunningMode
);
api_enum!(
    /// A streaming protocol
    ProtocolArg,
    Protocol
);
api_enum!(
    /// Whether a standby's data is replicated (DataReplication)
    DataReplicationArg,
    DataReplication
);
api_enum!(
    /// A WorkSpace's state
    WorkspaceStateArg,
    WorkspaceState
);
api_enum!(
    /// An application's license type
    LicenseTypeArg,
    WorkSpaceApplicationLicenseType
);
api_enum!(
    /// Owned or shared images
    ImageTypeArg,
    ImageType
);
api_enum!(
    /// What an application can be associated with
    AssociatedResourceTypeArg,
    ApplicationAssociatedResourceType
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enum_arg::ApiEnum;
    use aws_sdk_workspaces::types::{Workspace, WorkspaceProperties};

    #[test]
    fn enum_arguments_take_the_api_values_in_any_case() {
        let compute = ComputeArg::parse("graphics_g4dn").unwrap();
        assert_eq!(compute.to_sdk(), Compute::GraphicsG4Dn);
        let os = OperatingSystemArg::parse("Windows_Server_2022").unwrap();
        assert_eq!(os.api_value(), "WINDOWS_SERVER_2022");
        assert!(RunningModeArg::parse("sometimes").is_none());
    }

    #[test]
    fn client_side_filters_check_nested_properties() {
        let workspace = Workspace::builder()
            .workspace_id("ws-abc12345")
            .state(WorkspaceState::Stopped)
            .workspace_properties(
                WorkspaceProperties::builder()
                    .running_mode(RunningMode::AutoStop)
                    .operating_system_name(OperatingSystemName::Windows11)
                    .build(),
            )
            .build();
        let mut filters = WorkspaceFilterArgs {
            state: vec![
                WorkspaceStateArg::parse("error").unwrap(),
                WorkspaceStateArg::parse("stopped").unwrap(),
            ],
            os: vec![OperatingSystemArg::parse("windows_11").unwrap()],
            ..WorkspaceFilterArgs::default()
        };
        assert!(filters.matches(&workspace));
        filters.running_mode = vec![RunningModeArg::parse("always_on").unwrap()];
        assert!(!filters.matches(&workspace));
        filters
            .running_mode
            .push(RunningModeArg::parse("auto_stop").unwrap());
        assert!(filters.matches(&workspace));
        filters.state.truncate(1);
        assert!(!filters.matches(&workspace));
    }
}
