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

use aws_sdk_workspaces::types::WorkspacesIpGroup;
use clap::Subcommand;

use super::tagging;
use ipnet::Ipv4Net;

use crate::api::ip_groups::IpRule;
use crate::context::Context;
use crate::error::Result;
use crate::resources::{DirectoryId, IP_GROUPS, IpGroupId, strings};
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

/// The plan of a change to a group's rules: each rule before and after.
pub fn show_rules_plan(ctx: &Context, group: &WorkspacesIpGroup, after: &[IpRule]) {
    let name = group.group_name().unwrap_or("");
    let id = group.group_id().unwrap_or("");
    let before: Vec<String> = group
        .user_rules()
        .iter()
        .map(|r| rule_line(r.ip_rule().unwrap_or(""), r.rule_desc()))
        .collect();
    let after: Vec<String> = after
        .iter()
        .map(|r| rule_line(&r.cidr, r.description.as_deref()))
        .collect();
    let listed = |rules: &[String]| {
        if rules.is_empty() {
            "(none)".to_owned()
        } else {
            rules.join(", ")
        }
    };
    ctx.printer.note(format!(
        "{id} ({name}) rules\n  before: {}\n  after:  {}",
        listed(&before),
        listed(&after)
    ));
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
