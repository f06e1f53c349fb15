//! `wsfleet branding`: what the WorkSpaces clients show on their login
//! screen, per directory and platform.

pub mod delete;
pub mod get;
pub mod import;

use aws_sdk_workspaces::types::ClientDeviceType;
use clap::Subcommand;

use crate::api::WorkspacesClient;
use crate::api::branding::describe_branding;
use crate::context::Context;
use crate::enum_arg::{ApiEnum, spelling};
use crate::error::Result;
use crate::resources::branding::BrandedDirectory;

/// The end of `wsfleet branding --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet branding get d-1234567890
  wsfleet branding import d-1234567890 --platform windows,osx,web --logo logo.png \\
    --support-email it-help@example.com --login-message 'Authorised use only.'
  wsfleet branding delete d-1234567890 --platform ios --yes";

#[derive(Debug, Subcommand)]
pub enum BrandingCommand {
    /// Show the branding of directories, one row a platform
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Import branding (logo, support contact, messages) for platforms
    #[command(after_long_help = import::EXAMPLES)]
    Import(import::Args),
    /// Delete the branding of platforms (the clients show the default)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
}

pub async fn run(command: BrandingCommand, ctx: &Context) -> Result<()> {
    match command {
        BrandingCommand::Get(args) => get::run(args, ctx).await,
        BrandingCommand::Import(args) => import::run(args, ctx).await,
        BrandingCommand::Delete(args) => delete::run(args, ctx).await,
    }
}

/// A client platform (ClientDeviceType), typed by its short name
/// (`windows`, `osx`, `android`, `ios`, `linux`, `web`) or the API's
/// (`DeviceTypeWindows`), in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformArg(&'static str);

impl PlatformArg {
    pub fn to_sdk(self) -> ClientDeviceType {
        ClientDeviceType::from(self.0)
    }
}

/// `DeviceTypeWindows` → `windows`.
fn short_name(api_value: &str) -> String {
    spelling(api_value.strip_prefix("DeviceType").unwrap_or(api_value))
}

impl ApiEnum for PlatformArg {
    fn api_values() -> &'static [&'static str] {
        ClientDeviceType::values()
    }

    fn from_api_value(value: &'static str) -> Self {
        PlatformArg(value)
    }

    fn parse(text: &str) -> Option<Self> {
        let wanted = spelling(text.trim());
        Self::api_values()
            .iter()
            .find(|value| short_name(value) == wanted || spelling(value) == wanted)
            .map(|value| PlatformArg(value))
    }

    fn spellings() -> Vec<String> {
        Self::api_values().iter().map(|v| short_name(v)).collect()
    }
}

impl clap::builder::ValueParserFactory for PlatformArg {
    type Parser = crate::enum_arg::Parser<PlatformArg>;

    fn value_parser() -> Self::Parser {
        crate::enum_arg::Parser::new()
    }
}

/// The platforms named, as the SDK takes them, each once.
pub fn platforms(args: &[PlatformArg]) -> Vec<ClientDeviceType> {
    let mut platforms: Vec<ClientDeviceType> = Vec::new();
    for platform in args.iter().map(|p| p.to_sdk()) {
        if !platforms.contains(&platform) {
            platforms.push(platform);
        }
    }
    platforms
}

/// The directories named, in the order asked, each with its branded
/// platforms; one the service does not know is kept, not found, for the
/// plan to show and the run to fail unsent.
pub async fn branded(client: &WorkspacesClient, ids: &[String]) -> Result<Vec<BrandedDirectory>> {
    let mut directories = Vec::with_capacity(ids.len());
    for id in ids {
        let directory = match describe_branding(client, id).await {
            Ok(rows) => BrandedDirectory {
                resource_id: id.clone(),
                platforms: rows.into_iter().map(|row| row.platform).collect(),
                found: true,
            },
            Err(err) if err.is_not_found() => BrandedDirectory {
                resource_id: id.clone(),
                ..BrandedDirectory::default()
            },
            Err(err) => return Err(err),
        };
        directories.push(directory);
    }
    Ok(directories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_take_short_or_api_names() {
        assert_eq!(
            PlatformArg::parse("windows").map(PlatformArg::to_sdk),
            Some(ClientDeviceType::DeviceTypeWindows)
        );
        assert_eq!(
            PlatformArg::parse("DeviceTypeIos").map(PlatformArg::to_sdk),
            Some(ClientDeviceType::DeviceTypeIos)
        );
        assert_eq!(
            PlatformArg::parse("OSX").map(|p| p.0),
            Some("DeviceTypeOsx")
        );
        assert_eq!(PlatformArg::parse("mac"), None);
        assert_eq!(
            PlatformArg::spellings(),
            ["android", "ios", "linux", "osx", "web", "windows"]
        );
    }
}
