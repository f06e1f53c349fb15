//! `wsfleet directories modify-certificate-auth`: certificate-based
//! authentication from a private certificate authority, which needs SAML
//! 2.0 sign-in (ModifyCertificateBasedAuthProperties).

use aws_sdk_workspaces::types::{
    CertificateBasedAuthProperties, CertificateBasedAuthStatusEnum,
    DeletableCertificateBasedAuthProperty,
};

use super::checks::{CERTIFICATE_AUTHORITY_ARN, matching};
use super::modify_saml::set_or_deleted;
use super::settings::{Change, given, modify_directories};
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
    pub fn change(&self) -> Change {
        Change {
            action: "modify-certificate-auth",
            group: "CertificateBasedAuthProperties",
            settings: given([
                ("Status", self.status.map(|s| s.api_value().to_owned())),
                (
                    "CertificateAuthorityArn",
                    set_or_deleted(
                        &self.certificate_authority,
                        self.clear_certificate_authority,
                    ),
                ),
            ]),
            flags: "--status, --certificate-authority, --clear-certificate-authority",
        }
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
    modify_directories(
        ctx,
        (&args.targets, &args.change, &args.bulk),
        args.change(),
        args.request()?,
        |client, id, (properties, delete)| async move {
            modify_certificate_based_auth_properties(&client, &id, properties, delete).await
        },
    )
    .await
}
