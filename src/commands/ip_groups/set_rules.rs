//! `wsfleet ip-groups set-rules`: every rule not given is removed, so it asks first.

use super::{change_rules, parse_rule};
use crate::api::ip_groups::{IpRule, update_rules_of_ip_group};
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt;
use crate::resources::IpGroupId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups set-rules wsipg-abcdefgh1 203.0.113.0/24=head-office 198.51.100.0/24 --dry-run
  wsfleet ip-groups set-rules wsipg-abcdefgh1 --none --yes     remove every rule";

#[derive(Debug, clap::Args)]
pub struct Args {
    // Indexes are explicit: adding the ID completer re-adds this argument,
    // which would otherwise move it behind the rules.
    /// The IP group ID
    #[arg(value_name = "GROUP_ID", index = 1)]
    pub id: IpGroupId,

    /// The group's rules from now on: IPv4 CIDR ranges, each optionally =DESCRIPTION (up to 10)
    #[arg(index = 2, value_name = "CIDR[=DESCRIPTION]", value_parser = parse_rule)]
    pub rules: Vec<IpRule>,

    /// Leave the group with no rules
    #[arg(long, conflicts_with = "rules")]
    pub none: bool,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.rules.is_empty() && !args.none {
        return Err(AppError::usage(
            "give the group's rules, or --none to leave it with none",
        ));
    }
    super::create::check_rule_count(args.rules.len())?;
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "replace the rules of")?;
    let rules = &args.rules;
    change_rules(
        ctx,
        &args.id,
        (&args.confirm, Some(&*prompter)),
        "replace the rules of",
        |_| rules.clone(),
        |client, id| async move { update_rules_of_ip_group(&client, &id, rules).await },
    )
    .await
}
