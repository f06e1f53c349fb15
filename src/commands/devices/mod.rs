//! `wsfleet devices`: WorkSpaces Thin Client devices.

pub mod get;
pub mod list;

use clap::{Subcommand, ValueEnum};

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum DevicesCommand {
    /// List devices (every page), filtered client-side
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one device
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
}

pub async fn run(command: DevicesCommand, ctx: &Context) -> Result<()> {
    match command {
        DevicesCommand::List(args) => list::run(args, ctx).await,
        DevicesCommand::Get(args) => get::run(args, ctx).await,
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
