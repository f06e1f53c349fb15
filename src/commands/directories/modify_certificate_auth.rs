//! `wsfleet directories modify-certificate-auth`: certificate-based
//! authentication from a private certificate authority, which needs SAML
//! 2.0 sign-in (ModifyCertificateBasedAuthProperties).

use aws_sdk_workspaces::types::{
    CertificateBasedAuthProperties, CertificateBasedAuthStatusEnum,
    DeletableCertificateBasedAuthProperty, WorkspaceDirectory,
};

use super::checks::{CERTIFICATE_AUTHORITY_ARN, matching};
use super::described;
use super::settings::{Change, Setting, modify_each, shown};
use crate::api::directory_settings::modify_certificate_based_auth_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-certificate-auth d-1234567890 --status enabled \\
    --certificate-authority arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0123abcd
  wsfleet directories modify-certificate-auth d-1234567890 --status disabled \\
    --clear-certificate-authority";

api_enum!(
    /// ENABLED or DISABLED
    CertificateAuthStatusArg,
    CertificateBasedAuthStatusEnum
);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// Certificate-based authentication on or off
    #[arg(long)]
    pub status: Option<CertificateAuthStatusArg>,

    /// The AWS Private CA certificate authority (its ARN, 5 to 200 characters)
    #[arg(
        long,
        value_name = "ARN",
        conflicts_with = "clear_certificate_authority"
    )]
    pub certificate_authority: Option<String>,

    /// Delete the certificate authority
    #[arg(long)]
    pub clear_certificate_authority: bool,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

impl Args {
    fn settings(&self) -> Vec<Setting<WorkspaceDirectory>> {
        let current = |d: &WorkspaceDirectory| d.certificate_based_auth_properties().cloned();
        let mut settings = Vec::new();
        if let Some(status) = self.status {
            settings.push(Setting::new(
                "Status",
                status.api_value(),
                move |d: &WorkspaceDirectory| shown(current(d)?.status()),
            ));
        }
        let authority = match (
            &self.certificate_authority,
            self.clear_certificate_authority,
        ) {
            (Some(arn), _) => Some(arn.clone()),
            (None, true) => Some("(deleted)".to_owned()),
            (None, false) => None,
        };
        if let Some(authority) = authority {
            settings.push(Setting::new(
                "CertificateAuthorityArn",
                authority,
                move |d| current(d)?.certificate_authority_arn().map(str::to_owned),
            ));
        }
        settings
    }

    fn request(
        &self,
    ) -> Result<(
        Option<CertificateBasedAuthProperties>,
        Vec<DeletableCertificateBasedAuthProperty>,
    )> {
        let authority = self
            .certificate_authority
            .as_deref()
            .map(|arn| matching(arn, &CERTIFICATE_AUTHORITY_ARN, "--certificate-authority"))
            .transpose()?;
        let given = self.status.is_some() || authority.is_some();
        let properties = given.then(|| {
            CertificateBasedAuthProperties::builder()
                .set_status(self.status.map(CertificateAuthStatusArg::to_sdk))
                .set_certificate_authority_arn(authority)
                .build()
        });
        let delete = if self.clear_certificate_authority {
            vec![DeletableCertificateBasedAuthProperty::CertificateBasedAuthPropertiesCertificateAuthorityArn]
        } else {
            Vec::new()
        };
        Ok((properties, delete))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let (properties, delete) = args.request()?;
    let change = Change {
        action: "modify-certificate-auth",
        group: "CertificateBasedAuthProperties",
        settings: args.settings(),
        flags: "--status, --certificate-authority, --clear-certificate-authority",
    };
    modify_each(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        change,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| {
            let (properties, delete) = (properties.clone(), delete.clone());
            async move {
                modify_certificate_based_auth_properties(&client, &id, properties, delete).await
            }
        },
    )
    .await
}
