//! `wsfleet directories modify-streaming`: the streaming protocol, Global
//! Accelerator, and (WorkSpaces Pools) user settings and home folders
//! (ModifyStreamingProperties).

use aws_sdk_workspaces::types::{
    AgaModeForDirectoryEnum, AgaPreferredProtocolForDirectory, GlobalAcceleratorForDirectory,
    StorageConnector, StorageConnectorStatusEnum, StorageConnectorTypeEnum,
    StreamingExperiencePreferredProtocolEnum, StreamingProperties, UserSetting,
    UserSettingActionEnum, UserSettingPermissionEnum,
};

use super::settings::{Change, given, modify_directories};
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
    /// As the StreamingProperties.UserSettings column shows one.
    fn shown(&self) -> String {
        let (action, permission) = (self.action.api_value(), self.permission.api_value());
        match self.maximum_length {
            Some(length) => format!("{action}={permission}:{length}"),
            None => format!("{action}={permission}"),
        }
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
    pub fn change(&self) -> Change {
        let value = |v: Option<&str>| v.map(str::to_owned);
        let user_settings: Vec<String> = self.user_settings.iter().map(|s| s.shown()).collect();
        Change {
            action: "modify-streaming",
            group: "StreamingProperties",
            settings: given([
                (
                    "StreamingExperiencePreferredProtocol",
                    value(self.protocol.map(ProtocolArg::api_value)),
                ),
                (
                    "UserSettings",
                    (!user_settings.is_empty()).then(|| user_settings.join(";")),
                ),
                (
                    "StorageConnectors",
                    self.home_folder
                        .map(|s| format!("HOME_FOLDER={}", s.api_value())),
                ),
                (
                    "GlobalAccelerator.Mode",
                    value(self.global_accelerator.map(AcceleratorArg::api_value)),
                ),
                (
                    "GlobalAccelerator.PreferredProtocol",
                    value(
                        self.global_accelerator_protocol
                            .map(AcceleratorProtocolArg::api_value),
                    ),
                ),
            ]),
            flags: "--protocol, --user-setting, --home-folder, --global-accelerator",
        }
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
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.properties()?,
        |client, id, properties| async move {
            modify_streaming_properties(&client, &id, properties).await
        },
    )
    .await
}
