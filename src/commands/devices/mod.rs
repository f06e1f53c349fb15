//! `wsfleet devices`: WorkSpaces Thin Client devices.

pub mod delete;
pub mod deregister;
pub mod filter;
pub mod get;
pub mod list;
pub mod update;

use clap::{Subcommand, ValueEnum};

use super::tagging;
use crate::context::Context;
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
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Deregister devices (asks first)
    #[command(after_long_help = deregister::EXAMPLES)]
    Deregister(deregister::Args),
    /// Delete deregistered devices (asks first)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// List a device's tags
    #[command(after_long_help = tagging::TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on a device
    #[command(after_long_help = tagging::TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from a device
    #[command(after_long_help = tagging::UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
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

/// A device's status, as the API spells it (any case accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeviceStatusArg {
    Registered,
    Deregistering,
    Deregistered,
    Archived,
}

impl DeviceStatusArg {
    pub fn api_value(self) -> &'static str {
        match self {
            DeviceStatusArg::Registered => "REGISTERED",
            DeviceStatusArg::Deregistering => "DEREGISTERING",
            DeviceStatusArg::Deregistered => "DEREGISTERED",
            DeviceStatusArg::Archived => "ARCHIVED",
        }
    }
}

/// A device's software set compliance, as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ComplianceArg {
    None,
    Compliant,
    #[value(alias = "not_compliant")]
    NotCompliant,
}

impl ComplianceArg {
    pub fn api_value(self) -> &'static str {
        match self {
            ComplianceArg::None => "NONE",
            ComplianceArg::Compliant => "COMPLIANT",
            ComplianceArg::NotCompliant => "NOT_COMPLIANT",
        }
    }
}

/// The state `deregister` leaves a device in, as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetStatusArg {
    Deregistered,
    Archived,
}

impl TargetStatusArg {
    pub fn api_value(self) -> &'static str {
        match self {
            TargetStatusArg::Deregistered => "DEREGISTERED",
            TargetStatusArg::Archived => "ARCHIVED",
        }
    }
}

/// When software updates are applied (devices and environments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UpdateScheduleArg {
    #[value(alias = "use_maintenance_window")]
    UseMaintenanceWindow,
    #[value(alias = "apply_immediately")]
    ApplyImmediately,
}

impl UpdateScheduleArg {
    pub fn api_value(self) -> &'static str {
        match self {
            UpdateScheduleArg::UseMaintenanceWindow => "USE_MAINTENANCE_WINDOW",
            UpdateScheduleArg::ApplyImmediately => "APPLY_IMMEDIATELY",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_arguments_take_the_api_spelling_in_any_case() {
        for text in ["archived", "ARCHIVED", "Archived"] {
            assert_eq!(
                TargetStatusArg::from_str(text, true),
                Ok(TargetStatusArg::Archived)
            );
        }
        for text in [
            "apply-immediately",
            "APPLY_IMMEDIATELY",
            "apply_immediately",
        ] {
            assert_eq!(
                UpdateScheduleArg::from_str(text, true),
                Ok(UpdateScheduleArg::ApplyImmediately),
                "{text}"
            );
        }
        assert_eq!(
            ComplianceArg::from_str("NOT_COMPLIANT", true),
            Ok(ComplianceArg::NotCompliant)
        );
    }
}
