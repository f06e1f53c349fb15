//! `wsfleet ip-groups revoke`: users in the ranges lose access, so it asks first.

use super::{change_rules, parse_cidr, rules_after};
use crate::api::ip_groups::revoke_ip_rules;
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;
use crate::resources::IpGroupId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups revoke wsipg-abcdefgh1 198.51.100.7/32 --dry-run
  wsfleet ip-groups revoke wsipg-abcdefgh1 203.0.113.0/24 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    // Indexes are explicit: adding the ID completer re-adds this argument,
    // which would otherwise move it behind the rules.
    /// The IP group ID
    #[arg(value_name = "GROUP_ID", index = 1)]
    pub id: IpGroupId,

    /// The IPv4 CIDR ranges whose rules to remove
    #[arg(index = 2, value_name = "CIDR", required = true, value_parser = parse_cidr)]
    pub cidrs: Vec<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "revoke")?;
    let cidrs = &args.cidrs;
    change_rules(
        ctx,
        &args.id,
        (&args.confirm, Some(&*prompter)),
        "revoke rules of",
        |group| rules_after(group, &[], cidrs),
        |client, id| async move { revoke_ip_rules(&client, &id, cidrs).await },
    )
    .await
}
