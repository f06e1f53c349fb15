//! `wsfleet directories modify-streaming`: the streaming protocol, Global
//! Accelerator, and (WorkSpaces Pools) user settings and home folders
//! (ModifyStreamingProperties).

use aws_sdk_workspaces::types::{
    AgaModeForDirectoryEnum, AgaPreferredProtocolForDirectory, GlobalAcceleratorForDirectory,
    StorageConnector, StorageConnectorStatusEnum, StorageConnectorTypeEnum,
    StreamingExperiencePreferredProtocolEnum, StreamingProperties, UserSetting,
    UserSettingActionEnum, UserSettingPermissionEnum, WorkspaceDirectory,
};

use super::described;
use super::settings::{Change, Setting, modify_each, shown};
use crate::api::directory_settings::modify_streaming_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::{ApiEnum, api_enum};
use crate::error::{AppError, Result};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-streaming d-1234567890 --protocol udp --global-accelerator enabled-auto
  wsfleet directories modify-streaming wsd-abcdefgh1 --home-folder enabled \\
    --user-setting clipboard-copy-to-local-device=enabled:20000 \\
    --user-setting printing-to-local-device=disabled";

api_enum!(
    /// The protocol streaming prefers
    ProtocolArg,
    StreamingExperiencePreferredProtocolEnum
);
api_enum!(
    /// ENABLED or DISABLED
    StatusArg,
    StorageConnectorStatusEnum
);
api_enum!(
    /// Global Accelerator for the directory's WorkSpaces
    AcceleratorArg,
    AgaModeForDirectoryEnum
);
api_enum!(
    /// The protocol Global Accelerator prefers
    AcceleratorProtocolArg,
    AgaPreferredProtocolForDirectory
);
api_enum!(
    /// What a user setting governs
    ActionArg,
    UserSettingActionEnum
);
api_enum!(
    /// Whether users may
    PermissionArg,
    UserSettingPermissionEnum
);

/// One `--user-setting ACTION=PERMISSION[:MAX_LENGTH]`.
#[derive(Debug, Clone, Copy)]
pub struct UserSettingArg {
    action: ActionArg,
    permission: PermissionArg,
    maximum_length: Option<i32>,
}

impl UserSettingArg {
    fn shown(&self) -> String {
        shown_setting(
            self.action.api_value(),
            self.permission.api_value(),
            self.maximum_length,
        )
    }
}

fn shown_setting(action: &str, permission: &str, maximum_length: Option<i32>) -> String {
    match maximum_length {
        Some(length) => format!("{action}={permission}:{length}"),
        None => format!("{action}={permission}"),
    }
}

/// The clap parser of `--user-setting`: the action and permission as their
/// enums, the length a non-negative number, for the clipboard only.
fn user_setting(text: &str) -> std::result::Result<UserSettingArg, String> {
    let (action, rest) = text
        .split_once('=')
        .ok_or("expected ACTION=PERMISSION[:MAX_LENGTH]")?;
    let (permission, length) = match rest.split_once(':') {
        Some((permission, length)) => (permission, Some(length)),
        None => (rest, None),
    };
    let action = ActionArg::parse(action).ok_or_else(|| {
        format!(
            "unknown user setting '{action}': one of {}",
            ActionArg::spellings().join(", ")
        )
    })?;
    let permission = PermissionArg::parse(permission)
        .ok_or_else(|| format!("unknown permission '{permission}': enabled or disabled"))?;
    let maximum_length =
        match length {
            None => None,
            Some(length) => Some(length.parse::<i32>().ok().filter(|n| *n >= 0).ok_or_else(
                || format!("MAX_LENGTH '{length}': a number from 0 to {}", i32::MAX),
            )?),
        };
    if maximum_length.is_some() && !action.api_value().starts_with("CLIPBOARD_") {
        return Err("MAX_LENGTH applies to the clipboard settings only".to_owned());
    }
    Ok(UserSettingArg {
        action,
        permission,
        maximum_length,
    })
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// The protocol streaming prefers
    #[arg(long)]
    pub protocol: Option<ProtocolArg>,

    /// A WorkSpaces Pools user setting, ACTION=enabled|disabled[:MAX_LENGTH]
    /// (repeatable; the given settings replace the directory's)
    #[arg(long = "user-setting", value_name = "ACTION=PERMISSION[:MAX_LENGTH]", value_parser = user_setting)]
    pub user_settings: Vec<UserSettingArg>,

    /// WorkSpaces Pools home folders (the HOME_FOLDER storage connector)
    #[arg(long)]
    pub home_folder: Option<StatusArg>,

    /// Global Accelerator for the directory's WorkSpaces
    #[arg(long)]
    pub global_accelerator: Option<AcceleratorArg>,

    /// With --global-accelerator: the protocol it prefers
    #[arg(long, requires = "global_accelerator")]
    pub global_accelerator_protocol: Option<AcceleratorProtocolArg>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

impl Args {
    fn settings(&self) -> Vec<Setting<WorkspaceDirectory>> {
        let mut settings = Vec::new();
        if let Some(protocol) = self.protocol {
            settings.push(Setting::new(
                "StreamingExperiencePreferredProtocol",
                protocol.api_value(),
                |d: &WorkspaceDirectory| {
                    shown(
                        d.streaming_properties()?
                            .streaming_experience_preferred_protocol(),
                    )
                },
            ));
        }
        if !self.user_settings.is_empty() {
            let after: Vec<String> = self.user_settings.iter().map(|s| s.shown()).collect();
            settings.push(Setting::new(
                "UserSettings",
                after.join(","),
                |d: &WorkspaceDirectory| {
                    let shown: Vec<String> = d
                        .streaming_properties()?
                        .user_settings()
                        .iter()
                        .map(|s| {
                            shown_setting(
                                s.action().as_str(),
                                s.permission().as_str(),
                                s.maximum_length(),
                            )
                        })
                        .collect();
                    Some(shown.join(","))
                },
            ));
        }
        if let Some(status) = self.home_folder {
            settings.push(Setting::new(
                "StorageConnectors.HOME_FOLDER",
                status.api_value(),
                |d: &WorkspaceDirectory| {
                    shown(
                        d.streaming_properties()?
                            .storage_connectors()
                            .iter()
                            .find(|c| c.connector_type() == &StorageConnectorTypeEnum::HomeFolder)
                            .map(StorageConnector::status),
                    )
                },
            ));
        }
        if let Some(mode) = self.global_accelerator {
            settings.push(Setting::new(
                "GlobalAccelerator.Mode",
                mode.api_value(),
                |d: &WorkspaceDirectory| {
                    shown(
                        d.streaming_properties()?
                            .global_accelerator()
                            .map(GlobalAcceleratorForDirectory::mode),
                    )
                },
            ));
        }
        if let Some(protocol) = self.global_accelerator_protocol {
            settings.push(Setting::new(
                "GlobalAccelerator.PreferredProtocol",
                protocol.api_value(),
                |d: &WorkspaceDirectory| {
                    shown(
                        d.streaming_properties()?
                            .global_accelerator()?
                            .preferred_protocol(),
                    )
                },
            ));
        }
        settings
    }

    fn properties(&self) -> Result<StreamingProperties> {
        let mut seen = Vec::new();
        let mut user_settings = Vec::new();
        for setting in &self.user_settings {
            let action = setting.action.api_value();
            if seen.contains(&action) {
                return Err(AppError::usage(format!(
                    "--user-setting {}: given twice",
                    crate::enum_arg::spelling(action)
                )));
            }
            seen.push(action);
            user_settings.push(
                UserSetting::builder()
                    .action(setting.action.to_sdk())
                    .permission(setting.permission.to_sdk())
                    .set_maximum_length(setting.maximum_length)
                    .build()
                    .map_err(|e| AppError::usage(format!("--user-setting: {e}")))?,
            );
        }
        let home_folder = match self.home_folder {
            Some(status) => Some(vec![
                StorageConnector::builder()
                    .connector_type(StorageConnectorTypeEnum::HomeFolder)
                    .status(status.to_sdk())
                    .build()
                    .map_err(|e| AppError::usage(format!("--home-folder: {e}")))?,
            ]),
            None => None,
        };
        let accelerator = match self.global_accelerator {
            Some(mode) => Some(
                GlobalAcceleratorForDirectory::builder()
                    .mode(mode.to_sdk())
                    .set_preferred_protocol(self.global_accelerator_protocol.map(|p| p.to_sdk()))
                    .build()
                    .map_err(|e| AppError::usage(format!("--global-accelerator: {e}")))?,
            ),
            None => None,
        };
        Ok(StreamingProperties::builder()
            .set_streaming_experience_preferred_protocol(self.protocol.map(|p| p.to_sdk()))
            .set_user_settings((!user_settings.is_empty()).then_some(user_settings))
            .set_storage_connectors(home_folder)
            .set_global_accelerator(accelerator)
            .build())
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let properties = args.properties()?;
    let change = Change {
        action: "modify-streaming",
        group: "StreamingProperties",
        settings: args.settings(),
        flags: "--protocol, --user-setting, --home-folder, --global-accelerator",
    };
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        change,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| {
            let properties = properties.clone();
            async move { modify_streaming_properties(&client, &id, properties).await }
        },
    )
    .await
}
