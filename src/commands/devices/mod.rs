//! `wsfleet devices`: WorkSpaces Thin Client devices.

pub mod delete;
pub mod deregister;
pub mod filter;
pub mod get;
pub mod list;
pub mod update;

use aws_sdk_workspacesthinclient::types::{
    DeviceSoftwareSetComplianceStatus, DeviceStatus, SoftwareSetUpdateSchedule, TargetDeviceStatus,
};
use clap::Subcommand;

use super::tagging;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;
use crate::resources::DEVICES;

/// The end of `wsfleet devices --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices list --status registered
  wsfleet devices deregister --environment a1b2c3d4e --status registered --dry-run
  wsfleet devices deregister --ids-from lost.txt --yes --concurrency 16
  wsfleet devices deregister --resume deregister.ndjson --yes";

#[derive(Debug, Subcommand)]
pub enum DevicesCommand {
    /// List devices (every page), filtered client-side
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one device
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Rename devices, or set their software set or update schedule
    #[command(long_about = update::ABOUT, after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Deregister devices (asks first)
    #[command(after_long_help = deregister::EXAMPLES)]
    Deregister(deregister::Args),
    /// Delete deregistered devices (asks first)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// List a device's tags
    #[command(after_long_help = tagging::TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs<tagging::ByIdOrArn>),
    /// Add or overwrite tags on a device
    #[command(after_long_help = tagging::TAG_EXAMPLES)]
    Tag(tagging::TagArgs<tagging::ByIdOrArn>),
    /// Remove tags from a device
    #[command(after_long_help = tagging::UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs<tagging::ByIdOrArn>),
}

pub async fn run(command: DevicesCommand, ctx: &Context) -> Result<()> {
    match command {
        DevicesCommand::List(args) => list::run(args, ctx).await,
        DevicesCommand::Get(args) => get::run(args, ctx).await,
        DevicesCommand::Update(args) => update::run(args, ctx).await,
        DevicesCommand::Deregister(args) => deregister::run(args, ctx).await,
        DevicesCommand::Delete(args) => delete::run(args, ctx).await,
        DevicesCommand::Tags(args) => tagging::tags(args, &DEVICES, ctx).await,
        DevicesCommand::Tag(args) => tagging::tag(args, &DEVICES, ctx).await,
        DevicesCommand::Untag(args) => tagging::untag(args, &DEVICES, ctx).await,
    }
}

api_enum!(
    /// A device's status
    DeviceStatusArg,
    DeviceStatus
);
api_enum!(
    /// A device's software set compliance
    ComplianceArg,
    DeviceSoftwareSetComplianceStatus
);
api_enum!(
    /// The status `deregister` leaves a device in
    TargetStatusArg,
    TargetDeviceStatus
);
api_enum!(
    /// When software updates are applied (devices and environments)
    UpdateScheduleArg,
    SoftwareSetUpdateSchedule
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enum_arg::ApiEnum;

    #[test]
    fn enum_arguments_take_the_api_spelling_in_any_case() {
        for text in ["archived", "ARCHIVED", "Archived"] {
            assert_eq!(
                TargetStatusArg::parse(text).map(TargetStatusArg::api_value),
                Some("ARCHIVED")
            );
        }
        for text in [
            "apply-immediately",
            "APPLY_IMMEDIATELY",
            "apply_immediately",
        ] {
            assert_eq!(
                UpdateScheduleArg::parse(text).map(UpdateScheduleArg::to_sdk),
                Some(SoftwareSetUpdateSchedule::ApplyImmediately),
                "{text}"
            );
        }
        assert_eq!(
            ComplianceArg::parse("not-compliant").map(ComplianceArg::api_value),
            Some("NOT_COMPLIANT")
        );
    }
}
