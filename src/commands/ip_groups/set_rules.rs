//! `wsfleet ip-groups set-rules`: every rule not given is removed, so it asks first.

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use super::{parse_rule, show_rules_plan};
use crate::api::ip_groups::{IpRule, get_ip_group, update_rules_of_ip_group};
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
    let writer = ctx.printer.one::<WorkspacesIpGroup>()?;
    let client = ctx.workspaces().await?;
    let group = get_ip_group(&client, &args.id).await?;
    show_rules_plan(ctx, &group, &args.rules);
    if args.confirm.dry_run() {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "replace the rules of", 1)?;
    update_rules_of_ip_group(&client, &args.id, &args.rules).await?;
    writer.write(&get_ip_group(&client, &args.id).await?)
}
