//! `wsfleet directories modify-creation`: what new WorkSpaces of the
//! directory get (ModifyWorkspaceCreationProperties).

use aws_sdk_workspaces::types::{
    DefaultWorkspaceCreationProperties as Current, WorkspaceCreationProperties, WorkspaceDirectory,
};

use super::checks::{ARN, SECURITY_GROUP_ID, matching};
use super::described;
use super::settings::{Change, Setting, modify_each};
use crate::api::directory_settings::modify_creation_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-creation d-1234567890 --internet-access false --dry-run
  wsfleet directories modify-creation d-1234567890 --security-group sg-0123456789abcdef0 \\
    --default-ou 'OU=WorkSpaces,DC=corp,DC=example,DC=com'";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Give new WorkSpaces internet access (a public IP address)
    #[arg(long, value_name = "true|false")]
    pub internet_access: Option<bool>,

    /// The organizational unit new WorkSpaces' computer accounts go in
    /// (a distinguished name: OU=...,DC=...)
    #[arg(long, value_name = "DN")]
    pub default_ou: Option<String>,

    /// A security group added to new WorkSpaces
    #[arg(long, value_name = "SG_ID")]
    pub security_group: Option<String>,

    /// Make users local administrators of their new WorkSpaces
    #[arg(long, value_name = "true|false")]
    pub local_admin: Option<bool>,

    /// Maintenance mode for new AlwaysOn WorkSpaces
    #[arg(long, value_name = "true|false")]
    pub maintenance_mode: Option<bool>,

    /// The IAM role new WorkSpaces' instances take (its ARN)
    #[arg(long, value_name = "ARN")]
    pub instance_role: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

type Flag = (&'static str, Option<String>, fn(&Current) -> Option<String>);

impl Args {
    fn flags(&self) -> [Flag; 6] {
        let text = |v: &Option<String>| v.clone();
        let flag = |v: Option<bool>| v.map(|b| b.to_string());
        [
            ("EnableInternetAccess", flag(self.internet_access), |c| {
                c.enable_internet_access().map(|b| b.to_string())
            }),
            ("DefaultOu", text(&self.default_ou), |c| {
                c.default_ou().map(str::to_owned)
            }),
            ("CustomSecurityGroupId", text(&self.security_group), |c| {
                c.custom_security_group_id().map(str::to_owned)
            }),
            (
                "UserEnabledAsLocalAdministrator",
                flag(self.local_admin),
                |c| {
                    c.user_enabled_as_local_administrator()
                        .map(|b| b.to_string())
                },
            ),
            ("EnableMaintenanceMode", flag(self.maintenance_mode), |c| {
                c.enable_maintenance_mode().map(|b| b.to_string())
            }),
            ("InstanceIamRoleArn", text(&self.instance_role), |c| {
                c.instance_iam_role_arn().map(str::to_owned)
            }),
        ]
    }

    fn settings(&self) -> Vec<Setting<WorkspaceDirectory>> {
        self.flags()
            .into_iter()
            .filter_map(|(name, value, current)| {
                Some(Setting::new(name, value?, move |d: &WorkspaceDirectory| {
                    d.workspace_creation_properties().and_then(current)
                }))
            })
            .collect()
    }

    fn properties(&self) -> Result<WorkspaceCreationProperties> {
        if let Some(ou) = &self.default_ou
            && !ou.split(',').all(|part| part.contains('='))
        {
            return Err(AppError::usage(format!(
                "invalid --default-ou '{}': expected a distinguished name such as OU=WorkSpaces,DC=corp,DC=example,DC=com",
                printable(ou)
            )));
        }
        let checked = |value: &Option<String>, pattern, flag| {
            value
                .as_deref()
                .map(|v| matching(v, pattern, flag))
                .transpose()
        };
        Ok(WorkspaceCreationProperties::builder()
            .set_enable_internet_access(self.internet_access)
            .set_default_ou(self.default_ou.clone())
            .set_custom_security_group_id(checked(
                &self.security_group,
                &SECURITY_GROUP_ID,
                "--security-group",
            )?)
            .set_user_enabled_as_local_administrator(self.local_admin)
            .set_enable_maintenance_mode(self.maintenance_mode)
            .set_instance_iam_role_arn(checked(&self.instance_role, &ARN, "--instance-role")?)
            .build())
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let properties = args.properties()?;
    let change = Change {
        action: "modify-creation",
        group: "WorkspaceCreationProperties",
        settings: args.settings(),
        flags: "--internet-access, --default-ou, --security-group, --local-admin, --maintenance-mode, --instance-role",
    };
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        change,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| {
            let properties = properties.clone();
            async move { modify_creation_properties(&client, &id, properties).await }
        },
    )
    .await
}
