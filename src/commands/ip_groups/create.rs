//! `wsfleet ip-groups create`

use std::io::Write;

use super::{parse_rule, rule_line};
use crate::api::ip_groups::{IpRule, create_ip_group};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::{AppError, Result};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups create --name offices --rule 203.0.113.0/24=head-office --rule 198.51.100.0/24
  GROUP=$(wsfleet ip-groups create --name vpn --description 'VPN exits' --tag team=net)";

/// The most rules a group may hold (the service's quota).
pub const MAX_RULES: usize = 10;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name of the group (unique in the account and region)
    #[arg(long)]
    pub name: String,

    /// What the group is for
    #[arg(long)]
    pub description: Option<String>,

    /// A rule: an IPv4 CIDR range, optionally =DESCRIPTION (repeatable, up to 10)
    #[arg(long = "rule", value_name = "CIDR[=DESCRIPTION]", value_parser = parse_rule)]
    pub rules: Vec<IpRule>,

    /// A tag for the new group (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// Refuses, before any request, more rules than a group may hold.
pub fn check_rule_count(count: usize) -> Result<()> {
    if count > MAX_RULES {
        return Err(AppError::usage(format!(
            "{count} rules given: a group holds at most {MAX_RULES}"
        )));
    }
    Ok(())
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.name.trim().is_empty() {
        return Err(AppError::usage("--name must not be empty"));
    }
    check_rule_count(args.rules.len())?;
    let pairs = args
        .tags
        .iter()
        .map(|t| crate::tags::pair(t, crate::tags::TagRules::WorkSpaces))
        .collect::<Result<Vec<_>>>()?;
    let tags = tags(&pairs)?;
    if args.change.dry_run {
        let rules: Vec<String> = args
            .rules
            .iter()
            .map(|r| rule_line(&r.cidr, r.description.as_deref()))
            .collect();
        ctx.printer.note(format!(
            "dry run: would create the IP group '{}' with {} rule(s){}{}; nothing was changed",
            args.name,
            rules.len(),
            if rules.is_empty() { "" } else { ": " },
            rules.join(", ")
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let group_id = create_ip_group(
        &client,
        &args.name,
        args.description.as_deref(),
        &args.rules,
        tags,
    )
    .await?;
    let mut out = ctx.printer.stdout();
    writeln!(out, "{group_id}")?;
    out.flush()?;
    Ok(())
}
