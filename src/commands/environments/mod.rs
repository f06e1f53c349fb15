//! `wsfleet environments`: WorkSpaces Thin Client environments.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;

use aws_sdk_workspacesthinclient::types::{
    ApplyTimeOf, SoftwareSetUpdateMode, SoftwareSetUpdateSchedule,
};
use clap::Subcommand;

use super::devices::UpdateScheduleArg;
use super::tagging;
use crate::api::thin_client::EnvironmentFields;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;
use crate::maintenance_window::{ApplyTime, WindowInput};
use crate::resources::ENVIRONMENTS;
use crate::resources::SoftwareSetId;
use crate::tags::{self, TagRules};
use crate::validate;

/// The end of `wsfleet environments --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments list --details
  wsfleet environments update a1b2c3d4e --name 'Front desk' --dry-run
  wsfleet environments delete a1b2c3d4e --yes";

#[derive(Debug, Subcommand)]
pub enum EnvironmentsCommand {
    /// List environments
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one environment, its maintenance window in words
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create an environment for a WorkSpaces, WorkSpaces Web or AppStream desktop
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Change environments: only the options given change
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Delete environments (asks first)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// List an environment's tags
    #[command(after_long_help = tagging::TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs<tagging::ByIdOrArn>),
    /// Add or overwrite tags on an environment
    #[command(after_long_help = tagging::TAG_EXAMPLES)]
    Tag(tagging::TagArgs<tagging::ByIdOrArn>),
    /// Remove tags from an environment
    #[command(after_long_help = tagging::UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs<tagging::ByIdOrArn>),
}

pub async fn run(command: EnvironmentsCommand, ctx: &Context) -> Result<()> {
    match command {
        EnvironmentsCommand::List(args) => list::run(args, ctx).await,
        EnvironmentsCommand::Get(args) => get::run(args, ctx).await,
        EnvironmentsCommand::Create(args) => create::run(args, ctx).await,
        EnvironmentsCommand::Update(args) => update::run(args, ctx).await,
        EnvironmentsCommand::Delete(args) => delete::run(args, ctx).await,
        EnvironmentsCommand::Tags(args) => tagging::tags(args, &ENVIRONMENTS, ctx).await,
        EnvironmentsCommand::Tag(args) => tagging::tag(args, &ENVIRONMENTS, ctx).await,
        EnvironmentsCommand::Untag(args) => tagging::untag(args, &ENVIRONMENTS, ctx).await,
    }
}

api_enum!(
    /// Which software updates an environment applies
    UpdateModeArg,
    SoftwareSetUpdateMode
);
api_enum!(
    /// Whose clock a custom maintenance window follows
    ApplyTimeArg,
    ApplyTimeOf
);

/// The settings `create` and `update` share; on update, only those given change.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Environment settings")]
pub struct FieldArgs {
    /// The environment's name
    #[arg(long)]
    pub name: Option<String>,

    /// The identity provider login URL (AppStream 2.0 only)
    #[arg(long, value_name = "URL")]
    pub desktop_endpoint: Option<String>,

    /// When software updates are applied
    #[arg(long)]
    pub update_schedule: Option<UpdateScheduleArg>,

    /// 'system', or 'custom,DAYS,HH:MM-HH:MM[,utc|device]' (e.g. custom,MONDAY-FRIDAY,22:00-04:00,utc)
    #[arg(long, value_name = "SPEC")]
    pub maintenance_window: Option<String>,

    /// Maintenance window days: MONDAY-FRIDAY, sat+sun, all (implies custom)
    #[arg(long, value_name = "DAYS")]
    pub window_days: Option<String>,

    /// Maintenance window hours: HH:MM-HH:MM (implies custom)
    #[arg(long, value_name = "START-END")]
    pub window_time: Option<String>,

    /// Maintenance window clock: utc or the device's local time (implies custom)
    #[arg(long)]
    pub window_apply_time_of: Option<ApplyTimeArg>,

    /// Which software updates to apply
    #[arg(long)]
    pub update_mode: Option<UpdateModeArg>,

    /// The software set to apply with --update-mode use-desired
    #[arg(long, value_name = "SOFTWARE_SET_ID")]
    pub desired_software_set: Option<SoftwareSetId>,

    /// A tag every device registered to the environment gets (repeatable)
    #[arg(long = "device-creation-tag", value_name = "KEY=VALUE")]
    pub device_creation_tags: Vec<String>,
}

impl FieldArgs {
    /// The fields, checked locally, and the maintenance window parts given
    /// (left to the caller, since an update merges them with the current window).
    pub fn parse(&self) -> Result<(EnvironmentFields, WindowInput)> {
        let window = WindowInput::from_flags(
            self.maintenance_window.as_deref(),
            self.window_days.as_deref(),
            self.window_time.as_deref(),
            self.window_apply_time_of.map(|a| match a.to_sdk() {
                ApplyTimeOf::Device => ApplyTime::Device,
                _ => ApplyTime::Utc,
            }),
        )?;
        let fields = EnvironmentFields {
            name: self
                .name
                .as_deref()
                .map(|n| validate::resource_name(n, "environment", true))
                .transpose()?,
            desktop_endpoint: self.desktop_endpoint.clone(),
            update_schedule: self
                .update_schedule
                .map(|s| SoftwareSetUpdateSchedule::from(s.api_value())),
            update_mode: self
                .update_mode
                .map(|m| SoftwareSetUpdateMode::from(m.api_value())),
            desired_software_set_id: self.desired_software_set.clone().map(String::from),
            device_creation_tags: if self.device_creation_tags.is_empty() {
                None
            } else {
                Some(tags::map(
                    &self.device_creation_tags,
                    TagRules::DeviceCreation,
                )?)
            },
            ..EnvironmentFields::default()
        };
        Ok((fields, window))
    }
}

/// What the service would reject and we can tell locally: an endpoint that
/// is not https, and (on create, where there is no current desired set to
/// fall back on) use-desired without a software set.
pub fn check_endpoint_and_mode(fields: &EnvironmentFields, creating: bool) -> Result<()> {
    if let Some(endpoint) = &fields.desktop_endpoint
        && !endpoint.starts_with("https://")
    {
        return Err(crate::error::AppError::usage(format!(
            "invalid --desktop-endpoint '{}': expected an https:// URL",
            validate::printable(endpoint)
        )));
    }
    let use_desired = fields
        .update_mode
        .as_ref()
        .is_some_and(|m| *m == SoftwareSetUpdateMode::UseDesired);
    if creating && use_desired && fields.desired_software_set_id.is_none() {
        return Err(crate::error::AppError::usage(
            "--update-mode use-desired needs --desired-software-set",
        ));
    }
    Ok(())
}
