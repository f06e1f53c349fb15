//! `wsfleet account`: the account's bring-your-own-license (BYOL) settings:
//! dedicated tenancy and the management network range it needs.

pub mod get;
pub mod management_cidrs;
pub mod modifications;
pub mod modify;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;
use crate::validate::printable;

/// The end of `wsfleet account --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet account get
  wsfleet account management-cidrs --within 10.0.0.0/8
  wsfleet account modify --dedicated-tenancy enabled --management-cidr 10.20.0.0/16 --wait";

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Show the account's dedicated tenancy (BYOL) settings
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Enable dedicated tenancy (BYOL) with a management network range
    #[command(after_long_help = modify::EXAMPLES)]
    Modify(modify::Args),
    /// List the account's dedicated tenancy modifications (every page)
    #[command(visible_alias = "history", after_long_help = modifications::EXAMPLES)]
    Modifications(modifications::Args),
    /// List the management network ranges available for dedicated tenancy (every page)
    #[command(after_long_help = management_cidrs::EXAMPLES)]
    ManagementCidrs(management_cidrs::Args),
}

pub async fn run(command: AccountCommand, ctx: &Context) -> Result<()> {
    match command {
        AccountCommand::Get(args) => get::run(args, ctx).await,
        AccountCommand::Modify(args) => modify::run(args, ctx).await,
        AccountCommand::Modifications(args) => modifications::run(args, ctx).await,
        AccountCommand::ManagementCidrs(args) => management_cidrs::run(args, ctx).await,
    }
}

/// A decimal octet as the API's patterns write it: 0 to 255, no leading zero.
fn octet(text: &str) -> Option<u8> {
    let canonical = text == "0" || (!text.is_empty() && !text.starts_with('0'));
    if canonical && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// DedicatedTenancyManagementCidrRange: a /16 whose last two octets are 0
/// (`^A.B.0.0/16$`). A clap value parser.
pub fn management_cidr(text: &str) -> std::result::Result<String, String> {
    let octets: Option<Vec<&str>> = text
        .strip_suffix("/16")
        .map(|address| address.split('.').collect());
    let ok = octets.is_some_and(|o| {
        o.len() == 4 && octet(o[0]).is_some() && octet(o[1]).is_some() && o[2] == "0" && o[3] == "0"
    });
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not a management range: a /16 ending .0.0, such as 10.20.0.0/16",
            printable(text)
        ))
    }
}

/// ManagementCidrRangeConstraint: an IPv4 address and a prefix of 0 to 32,
/// without leading zeros. A clap value parser.
pub fn cidr_constraint(text: &str) -> std::result::Result<String, String> {
    let ok = text.split_once('/').is_some_and(|(address, prefix)| {
        let octets: Vec<&str> = address.split('.').collect();
        octets.len() == 4
            && octets.iter().all(|o| octet(o).is_some())
            && octet(prefix).is_some_and(|p| p <= 32)
    });
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not an IPv4 CIDR block such as 10.0.0.0/8",
            printable(text)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn management_ranges_follow_the_api_pattern() {
        assert!(management_cidr("10.20.0.0/16").is_ok());
        assert!(management_cidr("192.168.0.0/16").is_ok());
        assert!(management_cidr("10.20.1.0/16").is_err());
        assert!(management_cidr("10.20.0.0/24").is_err());
        assert!(management_cidr("10.020.0.0/16").is_err());
        assert!(management_cidr("256.0.0.0/16").is_err());
    }

    #[test]
    fn constraints_are_cidr_blocks() {
        assert!(cidr_constraint("10.0.0.0/8").is_ok());
        assert!(cidr_constraint("172.16.0.0/12").is_ok());
        assert!(cidr_constraint("10.0.0.0/33").is_err());
        assert!(cidr_constraint("10.0.0/8").is_err());
        assert!(cidr_constraint("10.0.0.0").is_err());
        assert!(cidr_constraint("10.0.0.01/8").is_err());
    }
}
