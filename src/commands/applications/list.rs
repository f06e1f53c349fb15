//! `wsfleet applications list`

use aws_sdk_workspaces::types::WorkSpaceApplication;

use crate::api::workspaces::{ApplicationQuery, applications};
use crate::commands::workspaces::{ComputeArg, LicenseTypeArg, OperatingSystemArg};
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{ApplicationId, strings};
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications list
  wsfleet applications list --os windows-10 --os windows-11 --license-type licensed
  wsfleet applications list --compute-type standard --owner Amazon -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only these applications
    #[arg(long, value_delimiter = ',', value_name = "APP_ID,...")]
    pub ids: Vec<ApplicationId>,

    /// Only applications supporting this compute type (repeatable)
    #[arg(long, value_delimiter = ',')]
    pub compute_type: Vec<ComputeArg>,

    /// Only applications with this license type
    #[arg(long)]
    pub license_type: Option<LicenseTypeArg>,

    /// Only applications supporting this operating system (repeatable)
    #[arg(long, value_delimiter = ',')]
    pub os: Vec<OperatingSystemArg>,

    /// Only applications from this owner (an account ID, or Amazon)
    #[arg(long, value_name = "OWNER", value_parser = application_owner)]
    pub owner: Option<String>,
}

/// The API takes `AMAZON` or a 12-digit account ID; `Amazon` in any case
/// is Amazon, and anything else is refused before the request.
fn application_owner(text: &str) -> std::result::Result<String, String> {
    if text.eq_ignore_ascii_case("amazon") {
        return Ok("AMAZON".to_owned());
    }
    if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(text.to_owned());
    }
    Err("expected Amazon or a 12-digit account ID".to_owned())
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let query = ApplicationQuery {
        ids: strings(args.ids),
        compute_types: args.compute_type.iter().map(|c| c.to_sdk()).collect(),
        license_type: args.license_type.map(LicenseTypeArg::to_sdk),
        operating_systems: args.os.iter().map(|o| o.to_sdk()).collect(),
        owner: args.owner,
    };
    let writer = ctx
        .printer
        .list::<WorkSpaceApplication>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| applications(session.workspaces(), query.clone()),
        "applications",
    )
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn amazon_is_an_owner_in_any_case() {
        assert_eq!(super::application_owner("Amazon").unwrap(), "AMAZON");
        assert_eq!(
            super::application_owner("123456789012").unwrap(),
            "123456789012"
        );
        assert!(super::application_owner("amazon.com").is_err());
    }
}
