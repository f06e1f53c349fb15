//! `wsfleet software-sets list`

use aws_sdk_workspacesthinclient::types::SoftwareSet;

use crate::api::thin_client::software_sets;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet software-sets list
  wsfleet software-sets list -o json | jq '.[] | select(.validationStatus == \"VALIDATED\") | .id'";

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<SoftwareSet>(View::List { details: false })?;
    if writer.needs_details() {
        return Err(crate::error::AppError::usage(
            "the software list is shown by `software-sets get ID` only",
        ));
    }
    scope::list(
        ctx,
        Service::ThinClient,
        writer,
        |session| software_sets(session.thin_client()),
        "software sets",
    )
    .await
}
