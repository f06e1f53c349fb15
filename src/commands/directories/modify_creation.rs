//! `wsfleet directories modify-creation`: what new WorkSpaces of the
//! directory get (ModifyWorkspaceCreationProperties).

use aws_sdk_workspaces::types::WorkspaceCreationProperties;

use super::checks::{ARN, SECURITY_GROUP_ID, matching};
use super::settings::{Change, given, modify_directories};
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

impl Args {
    pub fn change(&self) -> Change {
        let flag = |v: Option<bool>| v.map(|b| b.to_string());
        Change {
            action: "modify-creation",
            group: "WorkspaceCreationProperties",
            settings: given([
                ("EnableInternetAccess", flag(self.internet_access)),
                ("DefaultOu", self.default_ou.clone()),
                ("CustomSecurityGroupId", self.security_group.clone()),
                ("UserEnabledAsLocalAdministrator", flag(self.local_admin)),
                ("EnableMaintenanceMode", flag(self.maintenance_mode)),
                ("InstanceIamRoleArn", self.instance_role.clone()),
            ]),
            flags: "--internet-access, --default-ou, --security-group, --local-admin, --maintenance-mode, --instance-role",
        }
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
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.properties()?,
        |client, id, properties| async move {
            modify_creation_properties(&client, &id, properties).await
        },
    )
    .await
}
