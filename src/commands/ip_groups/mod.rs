//! `wsfleet ip-groups`: IP access control groups, which say from which
//! address ranges users may reach the WorkSpaces of a directory.

pub mod associate;
pub mod authorize;
pub mod create;
pub mod delete;
pub mod disassociate;
pub mod get;
pub mod list;
pub mod revoke;
pub mod set_rules;

use std::net::Ipv4Addr;

use std::future::Future;

use aws_sdk_workspaces::types::WorkspacesIpGroup;
use clap::Subcommand;

use super::tagging;
use ipnet::Ipv4Net;

use crate::api::WorkspacesClient;
use crate::api::ip_groups::{
    IpRule, associate_ip_groups, describe_ip_groups, disassociate_ip_groups, get_ip_group,
};
use crate::bulk::plan::{Plan, Planned, Verdict};
use crate::cli::ConfirmArgs;
use crate::commands::plan::{confirm_one, confirm_plan, in_order_asked, one_place};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::prompt::Prompter;
use crate::resources::{DirectoryId, IP_GROUPS, IpGroupId, strings};
use crate::scope::{PlaceId, Service};
use crate::validate::printable;

/// The end of `wsfleet ip-groups --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet ip-groups create --name offices --rule 203.0.113.0/24=head-office
  wsfleet ip-groups authorize wsipg-abcdefgh1 198.51.100.7/32='VPN exit'
  wsfleet ip-groups associate wsipg-abcdefgh1 --to-directory d-1234567890";

#[derive(Debug, Subcommand)]
pub enum IpGroupsCommand {
    /// List IP access control groups (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Show every field of one IP group, its rules included
    #[command(after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Create an IP group, with rules if given
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Delete IP groups (an associated group cannot be deleted)
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// Add rules to an IP group
    #[command(after_long_help = authorize::EXAMPLES)]
    Authorize(authorize::Args),
    /// Remove rules from an IP group
    #[command(after_long_help = revoke::EXAMPLES)]
    Revoke(revoke::Args),
    /// Replace every rule of an IP group
    #[command(after_long_help = set_rules::EXAMPLES)]
    SetRules(set_rules::Args),
    /// Associate IP groups with a directory
    #[command(after_long_help = associate::EXAMPLES)]
    Associate(associate::Args),
    /// Disassociate IP groups from a directory
    #[command(after_long_help = disassociate::EXAMPLES)]
    Disassociate(disassociate::Args),
    /// List an IP group's tags
    #[command(after_long_help = tagging::WORKSPACES_TAGS_EXAMPLES)]
    Tags(tagging::TagsArgs),
    /// Add or overwrite tags on IP groups
    #[command(after_long_help = tagging::WORKSPACES_TAG_EXAMPLES)]
    Tag(tagging::TagArgs),
    /// Remove tags from IP groups
    #[command(after_long_help = tagging::WORKSPACES_UNTAG_EXAMPLES)]
    Untag(tagging::UntagArgs),
}

pub async fn run(command: IpGroupsCommand, ctx: &Context) -> Result<()> {
    match command {
        IpGroupsCommand::List(args) => list::run(args, ctx).await,
        IpGroupsCommand::Get(args) => get::run(args, ctx).await,
        IpGroupsCommand::Create(args) => create::run(args, ctx).await,
        IpGroupsCommand::Delete(args) => delete::run(args, ctx).await,
        IpGroupsCommand::Authorize(args) => authorize::run(args, ctx).await,
        IpGroupsCommand::Revoke(args) => revoke::run(args, ctx).await,
        IpGroupsCommand::SetRules(args) => set_rules::run(args, ctx).await,
        IpGroupsCommand::Associate(args) => associate::run(args, ctx).await,
        IpGroupsCommand::Disassociate(args) => disassociate::run(args, ctx).await,
        IpGroupsCommand::Tags(args) => tagging::tags(args, &IP_GROUPS, ctx).await,
        IpGroupsCommand::Tag(args) => tagging::tag(args, &IP_GROUPS, ctx).await,
        IpGroupsCommand::Untag(args) => tagging::untag(args, &IP_GROUPS, ctx).await,
    }
}

/// An IPv4 range in CIDR notation (the API takes IPv4 only); a bare address
/// is the range of that one address.
pub fn parse_cidr(text: &str) -> std::result::Result<String, String> {
    if let Ok(range) = text.parse::<Ipv4Net>() {
        return Ok(range.to_string());
    }
    if let Ok(address) = text.parse::<Ipv4Addr>() {
        return Ok(Ipv4Net::from(address).to_string());
    }
    Err(format!(
        "'{}' is not an IPv4 CIDR range such as 203.0.113.0/24",
        printable(text)
    ))
}

/// A rule as typed: `CIDR` or `CIDR=description`.
pub fn parse_rule(text: &str) -> std::result::Result<IpRule, String> {
    let (cidr, description) = match text.split_once('=') {
        Some((cidr, description)) => (cidr, Some(description.to_owned())),
        None => (text, None),
    };
    Ok(IpRule {
        cidr: parse_cidr(cidr.trim())?,
        description: description.filter(|d| !d.is_empty()),
    })
}

/// The groups and the directory of `associate` and `disassociate`.
#[derive(Debug, clap::Args)]
pub struct DirectoryGroups {
    /// The IP group IDs
    #[arg(value_name = "GROUP_ID", required = true)]
    pub groups: Vec<IpGroupId>,

    /// The directory ID (d-… or wsd-…)
    #[arg(long, value_name = "DIRECTORY_ID")]
    pub directory: DirectoryId,
}

impl DirectoryGroups {
    pub fn strings(self) -> (String, Vec<String>) {
        (self.directory.to_string(), strings(self.groups))
    }
}

/// A rule as a plan line shows it.
pub fn rule_line(cidr: &str, description: Option<&str>) -> String {
    match description {
        Some(description) => format!("{cidr} ({description})"),
        None => cidr.to_owned(),
    }
}

/// The rules a change leaves: `before` with `added` put in (a range already
/// there takes the new description) and the `removed` ranges taken out.
pub fn rules_after(
    before: &WorkspacesIpGroup,
    added: &[IpRule],
    removed: &[String],
) -> Vec<IpRule> {
    let mut rules: Vec<IpRule> = before
        .user_rules()
        .iter()
        .filter_map(|r| {
            Some(IpRule {
                cidr: r.ip_rule()?.to_owned(),
                description: r.rule_desc().map(str::to_owned),
            })
        })
        .filter(|r| !removed.contains(&r.cidr))
        .collect();
    for rule in added {
        match rules.iter_mut().find(|r| r.cidr == rule.cidr) {
            Some(existing) => *existing = rule.clone(),
            None => rules.push(rule.clone()),
        }
    }
    rules
}

/// What a change does to a group's rules, rule by rule: `+` a range it
/// gains, `-` one it loses, `~` one whose description changes.
pub fn rule_edits(group: &WorkspacesIpGroup, after: &[IpRule]) -> Vec<String> {
    let before: Vec<(&str, Option<&str>)> = group
        .user_rules()
        .iter()
        .filter_map(|r| Some((r.ip_rule()?, r.rule_desc())))
        .collect();
    let mut edits = Vec::new();
    for rule in after {
        let line = rule_line(&rule.cidr, rule.description.as_deref());
        match before.iter().find(|(cidr, _)| *cidr == rule.cidr) {
            None => edits.push(format!("+{line}")),
            Some((_, description)) if *description != rule.description.as_deref() => {
                edits.push(format!("~{line}"));
            }
            Some(_) => {}
        }
    }
    for (cidr, _) in &before {
        if !after.iter().any(|r| r.cidr == *cidr) {
            edits.push(format!("-{cidr}"));
        }
    }
    edits
}

/// The whole of `authorize`, `revoke` and `set-rules` once their flags are
/// read: the group as found, the plan of its rules (`after`, from what it
/// holds now), the question when `prompter` asks, then `send` and the
/// group as it is after. A change that leaves the rules as they are is
/// left out, unsent; one that would hold more than a group may, too.
pub async fn change_rules<S, SFut>(
    ctx: &Context,
    id: &IpGroupId,
    (flags, prompter): (&ConfirmArgs, Option<&dyn Prompter>),
    action: &'static str,
    after: impl FnOnce(&WorkspacesIpGroup) -> Vec<IpRule>,
    send: S,
) -> Result<()>
where
    S: FnOnce(WorkspacesClient, String) -> SFut,
    SFut: Future<Output = Result<()>>,
{
    let writer = ctx.printer.one::<WorkspacesIpGroup>()?;
    let id = id.to_string();
    let places = one_place(ctx, Service::WorkSpaces, &id).await?;
    let client = places.workspaces(PlaceId(0)).clone();
    let group = get_ip_group(&client, &id).await?;
    let after = after(&group);
    let edits = rule_edits(&group, &after);
    let mut row = Planned::found(PlaceId(0), &id, group);
    row.edit("rules", &edits).settle_unchanged();
    if after.len() > create::MAX_RULES {
        row.leave_out(format!(
            "{} rules after (a group holds at most {})",
            after.len(),
            create::MAX_RULES
        ));
    }
    let plan = Plan::new(action, vec![row]);
    if !confirm_one(ctx, flags, prompter, &places, &plan).await? {
        return Ok(());
    }
    send(client.clone(), id.clone()).await?;
    writer.write(&get_ip_group(&client, &id).await?)
}

/// Whether `associate` adds the groups to the directory or `disassociate`
/// takes them away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Association {
    Associate,
    Disassociate,
}

/// The whole of `associate` and `disassociate`: the directory and the
/// groups as found, a group already where the change would put it left
/// out, the question when `prompter` asks, then one call for the rest.
pub async fn change_association(
    ctx: &Context,
    pair: DirectoryGroups,
    (flags, prompter): (&ConfirmArgs, Option<&dyn Prompter>),
    change: Association,
) -> Result<()> {
    let (directory, groups) = pair.strings();
    let places = one_place(ctx, Service::WorkSpaces, &directory).await?;
    let client = places.workspaces(PlaceId(0)).clone();
    let found =
        crate::commands::directories::described(&client, std::slice::from_ref(&directory)).await?;
    let Some(associated) = found
        .first()
        .filter(|d| d.state().is_some())
        .map(|d| d.ip_group_ids().to_vec())
    else {
        return Err(AppError::Failed(format!("no directory {directory}")));
    };
    let described = in_order_asked(
        &groups,
        describe_ip_groups(&client, &groups).await?,
        WorkspacesIpGroup::group_id,
        |id| WorkspacesIpGroup::builder().group_id(id).build(),
    );
    let (action, mark) = match change {
        Association::Associate => ("associate", '+'),
        Association::Disassociate => ("disassociate", '-'),
    };
    let rows = described
        .into_iter()
        .map(|group| {
            let id = group.group_id().unwrap_or_default().to_owned();
            if group.group_name().is_none() {
                return Planned::not_found(PlaceId(0), id, group);
            }
            let already = associated.contains(&id) == (change == Association::Associate);
            let mut row = Planned::found(PlaceId(0), id, group);
            let edits = if already {
                Vec::new()
            } else {
                vec![format!("{mark}{directory}")]
            };
            row.edit("directories", &edits).settle_unchanged();
            row
        })
        .collect();
    let plan = Plan::new(action, rows);
    if !confirm_plan(ctx, flags, prompter, &places, &plan).await? {
        return Ok(());
    }
    let sent: Vec<String> = plan
        .rows
        .iter()
        .filter(|r| r.verdict == Verdict::Send)
        .map(|r| r.id.clone())
        .collect();
    if !sent.is_empty() {
        match change {
            Association::Associate => associate_ip_groups(&client, &directory, &sent).await?,
            Association::Disassociate => {
                disassociate_ip_groups(&client, &directory, &sent).await?;
            }
        }
    }
    let preposition = match change {
        Association::Associate => "with",
        Association::Disassociate => "from",
    };
    ctx.printer.note(match sent.len() {
        0 => format!("nothing was sent: the plan left out every IP group to {action}"),
        _ => format!(
            "done: {action} {} {preposition} {directory}",
            sent.join(", ")
        ),
    });
    let missing = plan
        .rows
        .iter()
        .filter(|r| r.verdict == Verdict::NotFound)
        .count();
    if missing > 0 {
        return Err(AppError::Failed(format!(
            "{missing} of {} IP groups not found",
            plan.rows.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_cidr_ranges_with_an_optional_description() {
        let rule = parse_rule("203.0.113.0/24=head office").expect("a rule");
        assert_eq!(rule.cidr, "203.0.113.0/24");
        assert_eq!(rule.description.as_deref(), Some("head office"));
        assert_eq!(
            parse_rule("198.51.100.7").expect("an address").cidr,
            "198.51.100.7/32"
        );
        assert!(parse_rule("10.0.0.0/33").is_err());
        assert!(parse_rule("300.0.0.0/8=x").is_err());
        assert!(parse_rule("2001:db8::/32").is_err());
    }
}
