//! The flags `create` and `update` share: capacity, timeouts, application
//! settings and running mode, each checked against the API's bounds before
//! any request.

use std::time::Duration;

use aws_sdk_workspaces::types::{
    ApplicationSettingsStatusEnum, PoolsRunningMode, TimeoutSettings, WorkspacesPoolState,
};

use crate::api::pools::PoolSettings;
use crate::duration;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::resources::{BundleId, DirectoryId};
use crate::validate::printable;

api_enum!(
    /// A pool's state (`list --state`).
    PoolStateArg,
    WorkspacesPoolState
);
api_enum!(
    /// ALWAYS_ON or AUTO_STOP.
    PoolRunningModeArg,
    PoolsRunningMode
);
api_enum!(
    /// Whether users' application settings persist between sessions.
    ApplicationSettingsArg,
    ApplicationSettingsStatusEnum
);

#[derive(Debug, Default, clap::Args)]
pub struct SettingsArgs {
    /// Description (1 to 255 letters, digits, spaces or _ . / ( ) -)
    #[arg(long)]
    pub description: Option<String>,

    /// The bundle the pool's WorkSpaces are made from
    #[arg(long, value_name = "BUNDLE_ID")]
    pub bundle: Option<BundleId>,

    /// The directory the pool's users sign in through
    #[arg(long, value_name = "DIRECTORY_ID")]
    pub directory: Option<DirectoryId>,

    /// How many user sessions the pool keeps ready (Capacity.DesiredUserSessions)
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(i32).range(0..))]
    pub desired_sessions: Option<i32>,

    /// Whether users' application settings persist between sessions
    #[arg(long)]
    pub application_settings: Option<ApplicationSettingsArg>,

    /// The settings group persisted settings are kept in (with --application-settings enabled)
    #[arg(long, value_name = "NAME")]
    pub settings_group: Option<String>,

    /// How long a disconnected session is kept before it ends (1m to 10h)
    #[arg(long, value_name = "DURATION", value_parser = duration::at_most(36_000))]
    pub disconnect_timeout: Option<Duration>,

    /// How long a session may be idle before it is disconnected (up to 10h; 0: never)
    #[arg(long, value_name = "DURATION", value_parser = duration::zero_or_at_most(36_000))]
    pub idle_disconnect_timeout: Option<Duration>,

    /// The longest a session may last (10m to 5d)
    #[arg(long, value_name = "DURATION", value_parser = duration::at_most(432_000))]
    pub max_user_duration: Option<Duration>,

    /// Keep the pool's instances running (always-on) or stop them when unused (auto-stop)
    #[arg(long)]
    pub running_mode: Option<PoolRunningModeArg>,
}

/// Whole seconds of at least `min` for a `TimeoutSettings` member.
fn seconds(flag: &str, value: Option<Duration>, min: u64) -> Result<Option<i32>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let seconds = value.as_secs();
    if seconds < min || value.subsec_nanos() != 0 {
        return Err(AppError::usage(format!(
            "invalid {flag} '{}': whole seconds, at least {}",
            duration::compact(value),
            duration::compact(Duration::from_secs(min))
        )));
    }
    i32::try_from(seconds)
        .map(Some)
        .map_err(|_| AppError::usage(format!("invalid {flag}: too long")))
}

/// The API's pattern for a pool description.
fn check_description(description: &str) -> Result<()> {
    let ok = (1..=255).contains(&description.len())
        && description
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./() -".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --description '{}': 1 to 255 letters, digits, spaces or _ . / ( ) -",
            printable(description)
        )))
    }
}

fn check_settings_group(group: &str) -> Result<()> {
    let ok = (1..=100).contains(&group.len())
        && group
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./()!*'-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --settings-group '{}': 1 to 100 letters, digits or _ . / ( ) ! * ' -",
            printable(group)
        )))
    }
}

impl SettingsArgs {
    /// The settings as the API takes them; bad input is a usage error.
    pub fn to_settings(&self) -> Result<PoolSettings> {
        if let Some(description) = &self.description {
            check_description(description)?;
        }
        if let Some(group) = &self.settings_group {
            check_settings_group(group)?;
            if self.application_settings.is_none() {
                return Err(AppError::usage(
                    "--settings-group needs --application-settings enabled",
                ));
            }
        }
        let disconnect = seconds("--disconnect-timeout", self.disconnect_timeout, 60)?;
        let idle = seconds("--idle-disconnect-timeout", self.idle_disconnect_timeout, 0)?;
        let max_duration = seconds("--max-user-duration", self.max_user_duration, 600)?;
        let timeouts =
            (disconnect.is_some() || idle.is_some() || max_duration.is_some()).then(|| {
                TimeoutSettings::builder()
                    .set_disconnect_timeout_in_seconds(disconnect)
                    .set_idle_disconnect_timeout_in_seconds(idle)
                    .set_max_user_duration_in_seconds(max_duration)
                    .build()
            });
        Ok(PoolSettings {
            description: self.description.clone(),
            bundle_id: self.bundle.as_ref().map(ToString::to_string),
            directory_id: self.directory.as_ref().map(ToString::to_string),
            desired_user_sessions: self.desired_sessions,
            application_settings: self
                .application_settings
                .map(|status| (status.to_sdk(), self.settings_group.clone())),
            timeouts,
            running_mode: self.running_mode.map(PoolRunningModeArg::to_sdk),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.description.is_none()
            && self.bundle.is_none()
            && self.directory.is_none()
            && self.desired_sessions.is_none()
            && self.application_settings.is_none()
            && self.settings_group.is_none()
            && self.disconnect_timeout.is_none()
            && self.idle_disconnect_timeout.is_none()
            && self.max_user_duration.is_none()
            && self.running_mode.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_respect_the_api_minimums() {
        assert_eq!(
            seconds("--x", Some(Duration::from_secs(60)), 60).unwrap(),
            Some(60)
        );
        assert!(seconds("--x", Some(Duration::from_secs(59)), 60).is_err());
        assert!(seconds("--x", Some(Duration::from_millis(60_500)), 60).is_err());
        assert_eq!(seconds("--x", None, 60).unwrap(), None);
    }

    #[test]
    fn descriptions_and_groups_follow_the_api_patterns() {
        assert!(check_description("Call centre (EU)").is_ok());
        assert!(check_description("bad;chars").is_err());
        assert!(check_settings_group("team-a").is_ok());
        assert!(check_settings_group("has space").is_err());
    }
}
