//! `wsfleet ip-groups authorize`

use super::{change_rules, parse_rule, rules_after};
use crate::api::ip_groups::{IpRule, authorize_ip_rules};
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::Result;
use crate::resources::IpGroupId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups authorize wsipg-abcdefgh1 203.0.113.0/24=head-office 198.51.100.7
  wsfleet ip-groups authorize wsipg-abcdefgh1 192.0.2.0/24 --dry-run";

#[derive(Debug, clap::Args)]
pub struct Args {
    // Indexes are explicit: adding the ID completer re-adds this argument,
    // which would otherwise move it behind the rules.
    /// The IP group ID
    #[arg(value_name = "GROUP_ID", index = 1)]
    pub id: IpGroupId,

    /// Rules to add: IPv4 CIDR ranges, each optionally =DESCRIPTION
    #[arg(index = 2, value_name = "CIDR[=DESCRIPTION]", required = true, value_parser = parse_rule)]
    pub rules: Vec<IpRule>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    super::create::check_rule_count(args.rules.len())?;
    let rules = &args.rules;
    change_rules(
        ctx,
        &args.id,
        (&args.change.into(), None),
        "authorize rules in",
        |group| rules_after(group, rules, &[]),
        |client, id| async move { authorize_ip_rules(&client, &id, rules).await },
    )
    .await
}
