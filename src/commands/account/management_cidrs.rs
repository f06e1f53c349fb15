//! `wsfleet account management-cidrs`

use super::cidr_constraint;
use crate::api::account::{ManagementCidr, management_cidr_ranges};
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account management-cidrs --within 10.0.0.0/8
  wsfleet account management-cidrs --within 172.16.0.0/12 -o json | jq -r '.[0].ManagementCidrRange'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The range to look in (ManagementCidrRangeConstraint), an IPv4 CIDR block
    #[arg(long, value_name = "CIDR", value_parser = cidr_constraint)]
    pub within: String,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<ManagementCidr>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| management_cidr_ranges(session.workspaces(), &args.within),
        "management CIDR ranges",
    )
    .await
}
