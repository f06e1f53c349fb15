//! `wsfleet directories register`: an AD directory of AWS Directory
//! Service (`d-…`), or a directory WorkSpaces creates (`wsd-…`) for
//! WorkSpaces Pools or for users from IAM Identity Center.

use std::io::Write;

use aws_sdk_workspaces::types::{
    ActiveDirectoryConfig, MicrosoftEntraConfig, Tenancy, UserIdentityType, WorkspaceType,
};

use super::checks::{self, Pattern};
use crate::api::directories::get_directory;
use crate::api::directory_settings::{Registration, register_directory};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::{self, Goal, Progress, WaitArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::resources::DirectoryId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories register d-1234567890 --self-service --tenancy dedicated --wait
  wsfleet directories register --name pools-corp --description 'Pools for Corp' \\
    --identity-type customer-managed --workspace-type pools \\
    --subnet subnet-0123abcd,subnet-4567abcd --ad-domain corp.example.com \\
    --ad-secret arn:aws:secretsmanager:us-east-1:123456789012:secret:pools-svc
  wsfleet directories register --name personal-idc --identity-type aws-iam-identity-center \\
    --idc-instance arn:aws:sso:::instance/ssoins-0123456789abcdef \\
    --subnet subnet-0123abcd,subnet-4567abcd --dry-run";

api_enum!(
    /// Dedicated (for BYOL images) or shared hardware
    TenancyArg,
    Tenancy
);
api_enum!(
    /// Where users come from
    IdentityTypeArg,
    UserIdentityType
);
api_enum!(
    /// WorkSpaces Personal or WorkSpaces Pools
    WorkspaceTypeArg,
    WorkspaceType
);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The AD directory of AWS Directory Service to register (d-…); without
    /// it, WorkSpaces creates a wsd- directory from --name and --identity-type
    #[arg(value_name = "DIRECTORY_ID", value_parser = unregistered_directory)]
    pub id: Option<String>,

    /// The subnets WorkSpaces are launched in: two, in separate Availability Zones
    #[arg(
        long = "subnet",
        value_delimiter = ',',
        value_name = "SUBNET_ID,SUBNET_ID"
    )]
    pub subnets: Vec<String>,

    /// Let users restart, resize, change and rebuild their own WorkSpaces
    #[arg(long)]
    pub self_service: bool,

    /// Dedicated or shared hardware
    #[arg(long)]
    pub tenancy: Option<TenancyArg>,

    /// A tag for the directory (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    /// Name of the wsd- directory WorkSpaces creates (letters, digits, _ . - and spaces; 2 to 65)
    #[arg(long)]
    pub name: Option<String>,

    /// Description of the wsd- directory (up to 256 characters)
    #[arg(long)]
    pub description: Option<String>,

    /// Where users come from: customer-managed (WorkSpaces Pools, SAML) or
    /// aws-iam-identity-center (WorkSpaces Personal)
    #[arg(long)]
    pub identity_type: Option<IdentityTypeArg>,

    /// WorkSpaces Personal or Pools (default: pools for customer-managed
    /// identities, personal otherwise)
    #[arg(long)]
    pub workspace_type: Option<WorkspaceTypeArg>,

    /// The IAM Identity Center instance users come from (its ARN)
    #[arg(long, value_name = "ARN")]
    pub idc_instance: Option<String>,

    /// The Microsoft Entra tenant WorkSpaces are joined to
    #[arg(long, value_name = "TENANT_ID", requires = "entra_secret")]
    pub entra_tenant: Option<String>,

    /// The Secrets Manager secret holding the Entra application's configuration
    #[arg(long, value_name = "ARN", requires = "entra_tenant")]
    pub entra_secret: Option<String>,

    /// The AD domain WorkSpaces Pools join
    #[arg(long, value_name = "DOMAIN", requires = "ad_secret")]
    pub ad_domain: Option<String>,

    /// The Secrets Manager secret of the service account that joins the domain
    #[arg(long, value_name = "ARN", requires = "ad_domain")]
    pub ad_secret: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

impl Args {
    /// The request, every member checked against the API's model, and the
    /// kinds of directory refused that the API would refuse.
    fn registration(&self) -> Result<Registration> {
        for subnet in &self.subnets {
            checks::matching(subnet, &checks::SUBNET_ID, "--subnet")?;
        }
        if self.subnets.len() > 2 {
            return Err(AppError::usage("at most 2 --subnet"));
        }
        let checked = |value: &Option<String>, pattern: &Pattern, flag: &str| {
            value
                .as_deref()
                .map(|v| checks::matching(v, pattern, flag))
                .transpose()
        };
        let mut registration = Registration {
            directory_id: self.id.clone(),
            subnet_ids: self.subnets.clone(),
            enable_self_service: self.self_service.then_some(true),
            tenancy: self.tenancy.map(TenancyArg::to_sdk),
            tags: tags(&crate::commands::images::tag_pairs(&self.tags)?)?,
            workspace_directory_name: checked(&self.name, &checks::DIRECTORY_NAME, "--name")?,
            workspace_directory_description: checked(
                &self.description,
                &checks::DIRECTORY_DESCRIPTION,
                "--description",
            )?,
            user_identity_type: self.identity_type.map(IdentityTypeArg::to_sdk),
            idc_instance_arn: checked(&self.idc_instance, &checks::ARN, "--idc-instance")?,
            workspace_type: self.workspace_type.map(WorkspaceTypeArg::to_sdk),
            ..Registration::default()
        };
        if let (Some(tenant), Some(secret)) = (&self.entra_tenant, &self.entra_secret) {
            registration.microsoft_entra_config = Some(
                MicrosoftEntraConfig::builder()
                    .tenant_id(checks::matching(
                        tenant,
                        &checks::ENTRA_TENANT,
                        "--entra-tenant",
                    )?)
                    .application_config_secret_arn(checks::matching(
                        secret,
                        &checks::SECRET_ARN,
                        "--entra-secret",
                    )?)
                    .build(),
            );
        }
        if let (Some(domain), Some(secret)) = (&self.ad_domain, &self.ad_secret) {
            registration.active_directory_config = Some(
                ActiveDirectoryConfig::builder()
                    .domain_name(checks::matching(
                        domain,
                        &checks::DOMAIN_NAME,
                        "--ad-domain",
                    )?)
                    .service_account_secret_arn(checks::matching(
                        secret,
                        &checks::SECRET_ARN,
                        "--ad-secret",
                    )?)
                    .build()
                    .map_err(|e| AppError::usage(format!("--ad-domain: {e}")))?,
            );
        }
        match &registration.directory_id {
            Some(id) => self.check_directory_service(id)?,
            None => self.check_workspaces_directory()?,
        }
        Ok(registration)
    }

    /// A `d-` directory brings its own name and users.
    fn check_directory_service(&self, id: &str) -> Result<()> {
        if id.starts_with("wsd-") {
            return Err(AppError::usage(format!(
                "{id}: wsd- directories are created by WorkSpaces; give --name and --identity-type instead of an ID"
            )));
        }
        let only_without_id = [
            ("--name", self.name.is_some()),
            ("--description", self.description.is_some()),
            ("--idc-instance", self.idc_instance.is_some()),
            ("--entra-tenant", self.entra_tenant.is_some()),
            ("--ad-domain", self.ad_domain.is_some()),
        ];
        if let Some((flag, _)) = only_without_id.iter().find(|(_, given)| *given) {
            return Err(AppError::usage(format!(
                "{flag} describes a directory WorkSpaces creates: give it without a DIRECTORY_ID"
            )));
        }
        if self
            .identity_type
            .is_some_and(|t| t.api_value() != "AWS_DIRECTORY_SERVICE")
        {
            return Err(AppError::usage(
                "a d- directory's users come from AWS Directory Service: --identity-type aws-directory-service or none",
            ));
        }
        if self
            .workspace_type
            .is_some_and(|t| t.api_value() == "POOLS")
        {
            return Err(AppError::usage(
                "WorkSpaces Pools directories are created by WorkSpaces: give --name and --identity-type customer-managed instead of an ID",
            ));
        }
        Ok(())
    }

    /// A `wsd-` directory needs a name, an identity type, and subnets.
    fn check_workspaces_directory(&self) -> Result<()> {
        let Some(name) = &self.name else {
            return Err(AppError::usage(
                "give a DIRECTORY_ID (d-…) to register, or --name and --identity-type for WorkSpaces to create one",
            ));
        };
        let Some(identity) = self.identity_type else {
            return Err(AppError::usage(format!(
                "--name {name}: give --identity-type (customer-managed or aws-iam-identity-center)"
            )));
        };
        if self.subnets.is_empty() {
            return Err(AppError::usage(
                "--subnet: a directory WorkSpaces creates needs its two subnets",
            ));
        }
        match identity.api_value() {
            "AWS_DIRECTORY_SERVICE" => Err(AppError::usage(
                "--identity-type aws-directory-service: give the d- DIRECTORY_ID to register",
            )),
            "AWS_IAM_IDENTITY_CENTER" if self.idc_instance.is_none() => Err(AppError::usage(
                "--identity-type aws-iam-identity-center needs --idc-instance",
            )),
            _ => Ok(()),
        }
    }

    fn what(&self) -> String {
        match (&self.id, &self.name) {
            (Some(id), _) => id.to_string(),
            (None, Some(name)) => format!("a new directory '{name}'"),
            (None, None) => "a directory".to_owned(),
        }
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let registration = args.registration()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would register {}; nothing was changed",
            args.what()
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let id = register_directory(&client, registration).await?;
    let mut out = ctx.printer.stdout();
    writeln!(out, "{id}")?;
    out.flush()?;
    let Some(timeout) = args.wait.timeout() else {
        return Ok(());
    };
    let goal = Goal {
        noun: "directory",
        goal: "become REGISTERED",
        timeout,
    };
    waiting::until(ctx, vec![id], &goal, |going| {
        let client = client.clone();
        waiting::each(4, going, move |id| {
            let client = client.clone();
            async move {
                let directory = get_directory(&client, &id).await?;
                Ok(match directory.state().map(|s| s.as_str()) {
                    Some("REGISTERED") => Progress::Done,
                    Some("ERROR") => Progress::Failed(
                        directory
                            .error_message()
                            .unwrap_or("no reason given")
                            .to_owned(),
                    ),
                    _ => Progress::Going,
                })
            }
        })
    })
    .await
}

/// The value parser of the directory to register: an ID only. A directory
/// not yet registered is unknown to WorkSpaces, so no name can be looked up
/// for it (the typed `DirectoryId` would take one).
fn unregistered_directory(id: &str) -> Result<String> {
    DirectoryId::RULE.check(id.trim())
}
