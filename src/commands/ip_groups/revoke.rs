//! `wsfleet ip-groups revoke`: users in the ranges lose access, so it asks first.

use aws_sdk_workspaces::types::WorkspacesIpGroup;

use super::{parse_cidr, rules_after, show_rules_plan};
use crate::api::ip_groups::{get_ip_group, revoke_ip_rules};
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
    let writer = ctx.printer.one::<WorkspacesIpGroup>()?;
    let client = ctx.workspaces().await?;
    let group = get_ip_group(&client, &args.id).await?;
    show_rules_plan(ctx, &group, &rules_after(&group, &[], &args.cidrs));
    if args.confirm.dry_run() {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "revoke", args.cidrs.len())?;
    revoke_ip_rules(&client, &args.id, &args.cidrs).await?;
    writer.write(&get_ip_group(&client, &args.id).await?)
}
