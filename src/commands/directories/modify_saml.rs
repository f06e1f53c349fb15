//! `wsfleet directories modify-saml`: SAML 2.0 sign-in through an identity
//! provider (ModifySamlProperties).

use aws_sdk_workspaces::types::{DeletableSamlProperty, SamlProperties, SamlStatusEnum};

use super::checks::{SAML_USER_ACCESS_URL, matching};
use super::settings::{Change, given, modify_directories};
use crate::api::directory_settings::modify_saml_properties;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories modify-saml d-1234567890 --status enabled \\
    --user-access-url https://idp.example.com/sso --relay-state-name RelayState --dry-run
  wsfleet directories modify-saml d-1234567890 --clear-relay-state-name";

api_enum!(
    /// Whether users sign in through the identity provider
    SamlStatusArg,
    SamlStatusEnum
);

/// What the plan shows as a deleted property's value after.
pub const DELETED: &str = "(deleted)";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// SAML 2.0 sign-in: disabled, enabled, or enabled with directory login as a fallback
    #[arg(long)]
    pub status: Option<SamlStatusArg>,

    /// The identity provider's user access URL (http:// or https://, 8 to 200 characters)
    #[arg(long, value_name = "URL", conflicts_with = "clear_user_access_url")]
    pub user_access_url: Option<String>,

    /// The name of the relay state parameter the identity provider uses
    #[arg(long, value_name = "NAME", conflicts_with = "clear_relay_state_name")]
    pub relay_state_name: Option<String>,

    /// Delete the user access URL
    #[arg(long)]
    pub clear_user_access_url: bool,

    /// Delete the relay state parameter name
    #[arg(long)]
    pub clear_relay_state_name: bool,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// A property's value after: the one given, or deleted.
pub fn set_or_deleted(value: &Option<String>, deleted: bool) -> Option<String> {
    match (value, deleted) {
        (Some(value), _) => Some(value.clone()),
        (None, true) => Some(DELETED.to_owned()),
        (None, false) => None,
    }
}

impl Args {
    pub fn change(&self) -> Change {
        Change {
            action: "modify-saml",
            group: "SamlProperties",
            settings: given([
                ("Status", self.status.map(|s| s.api_value().to_owned())),
                (
                    "UserAccessUrl",
                    set_or_deleted(&self.user_access_url, self.clear_user_access_url),
                ),
                (
                    "RelayStateParameterName",
                    set_or_deleted(&self.relay_state_name, self.clear_relay_state_name),
                ),
            ]),
            flags: "--status, --user-access-url, --relay-state-name, --clear-user-access-url, --clear-relay-state-name",
        }
    }

    fn request(&self) -> Result<(Option<SamlProperties>, Vec<DeletableSamlProperty>)> {
        let url = self
            .user_access_url
            .as_deref()
            .map(|url| matching(url, &SAML_USER_ACCESS_URL, "--user-access-url"))
            .transpose()?;
        if let Some(name) = &self.relay_state_name
            && name.is_empty()
        {
            return Err(crate::error::AppError::usage(
                "--relay-state-name: give a name, or --clear-relay-state-name",
            ));
        }
        let given = self.status.is_some() || url.is_some() || self.relay_state_name.is_some();
        let properties = given.then(|| {
            SamlProperties::builder()
                .set_status(self.status.map(SamlStatusArg::to_sdk))
                .set_user_access_url(url)
                .set_relay_state_parameter_name(self.relay_state_name.clone())
                .build()
        });
        let mut delete = Vec::new();
        if self.clear_user_access_url {
            delete.push(DeletableSamlProperty::SamlPropertiesUserAccessUrl);
        }
        if self.clear_relay_state_name {
            delete.push(DeletableSamlProperty::SamlPropertiesRelayStateParameterName);
        }
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
            modify_saml_properties(&client, &id, properties, delete).await
        },
    )
    .await
}
