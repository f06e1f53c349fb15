//! IP access control groups: their rules, and their association with
//! directories.

use std::net::Ipv4Addr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{DIRECTORY_ID, IdChars, IdPattern, Input, missing, page_size};
use super::paging::Listing;
use super::tags::parse_tags;
use super::{Clock, WorkspacesState};

pub const IP_GROUP_ID: IdPattern = IdPattern {
    prefix: "wsipg-",
    chars: IdChars::LowerAlphanumeric,
    min: 8,
    max: 63,
    or: None,
    text: "wsipg-[0-9a-z]{8,63}$",
};

/// The service quotas: rules a group, groups a region, groups a directory.
pub const MAX_RULES_PER_GROUP: usize = 10;
pub const MAX_GROUPS: usize = 100;
pub const MAX_GROUPS_PER_DIRECTORY: usize = 25;

/// A group as DescribeIpGroups answers it (its members are camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IpGroup {
    pub group_id: String,
    pub group_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_desc: Option<String>,
    #[serde(default)]
    pub user_rules: Vec<IpRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IpRule {
    pub ip_rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_desc: Option<String>,
}

/// An IPv4 address range in CIDR notation, as the service takes it.
fn check_cidr(rule: &str) -> Result<(), WsError> {
    let valid = rule.split_once('/').is_some_and(|(address, prefix)| {
        Ipv4Addr::from_str(address).is_ok()
            && prefix.bytes().all(|b| b.is_ascii_digit())
            && prefix.parse::<u8>().is_ok_and(|bits| bits <= 32)
    });
    if valid {
        Ok(())
    } else {
        Err(WsError::invalid_parameter(format!(
            "The IP rule {rule} is not a valid IPv4 CIDR range."
        )))
    }
}

/// `UserRules` as CreateIpGroup, AuthorizeIpRules and UpdateRulesOfIpGroup take them.
fn parse_rules(input: &Input, member: &str) -> Result<Option<Vec<IpRule>>, WsError> {
    let Some(items) = input.objects(member)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|item| {
            let ip_rule = item.str("ipRule")?.ok_or_else(|| {
                WsError::invalid_parameter("Every rule needs an ipRule (a CIDR range).")
            })?;
            check_cidr(ip_rule)?;
            Ok(IpRule {
                ip_rule: ip_rule.to_owned(),
                rule_desc: item.str("ruleDesc")?.map(str::to_owned),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn too_many_rules(group_id: &str) -> WsError {
    WsError::of(
        "ResourceLimitExceededException",
        format!("The IP group {group_id} would have more than {MAX_RULES_PER_GROUP} rules."),
    )
}

impl WorkspacesState {
    fn ip_group_mut(&mut self, group_id: &str) -> Result<&mut IpGroup, WsError> {
        self.ip_groups.get_mut(group_id).ok_or_else(|| {
            WsError::not_found(format!("The IP group {group_id} could not be found."))
        })
    }

    pub(super) fn describe_ip_groups(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let group_ids = input.strings("GroupIds")?;
        if let Some(ids) = &group_ids {
            IP_GROUP_ID.check_all(&input.path_of("GroupIds"), ids)?;
        }
        let size = page_size(input, "MaxResults", 25, 25)?;
        let listing = Listing::start("Result", input.str("NextToken")?)?;
        let entries = listing.entries(&self.ip_groups).filter(|(id, _)| {
            group_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&id.as_str()))
        });
        listing.page(entries, size)
    }

    pub(super) fn create_ip_group(&mut self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let name = input.required_str("GroupName")?;
        let description = input.str("GroupDesc")?;
        let rules = parse_rules(input, "UserRules")?.unwrap_or_default();
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();
        if name.trim().is_empty() {
            return Err(WsError::invalid_parameter("The IP group needs a name."));
        }
        if self
            .ip_groups
            .values()
            .any(|group| group.group_name == name)
        {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("An IP group named {name} already exists."),
            ));
        }
        if self.ip_groups.len() >= MAX_GROUPS {
            return Err(WsError::of(
                "ResourceLimitExceededException",
                format!("The account already has {MAX_GROUPS} IP groups."),
            ));
        }
        let group_id = self
            .id_source
            .fresh_id("wsipg-", 9, |id| self.ip_groups.contains_key(id));
        if rules.len() > MAX_RULES_PER_GROUP {
            return Err(too_many_rules(&group_id));
        }
        self.ip_groups.insert(
            group_id.clone(),
            IpGroup {
                group_id: group_id.clone(),
                group_name: name.to_owned(),
                group_desc: description.map(str::to_owned),
                user_rules: rules,
            },
        );
        if !tags.is_empty() {
            self.tags.insert(group_id.clone(), tags);
        }
        Ok(json!({ "GroupId": group_id }))
    }

    pub(super) fn delete_ip_group(&mut self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let group_id = input.required_id("GroupId", &IP_GROUP_ID)?;
        self.ip_group_mut(group_id)?;
        if let Some(directory) = self
            .directories
            .values()
            .find(|d| d.ip_group_ids.iter().any(|id| id == group_id))
        {
            return Err(WsError::of(
                "ResourceAssociatedException",
                format!(
                    "The IP group {group_id} is associated with the directory {}.",
                    directory.directory_id
                ),
            ));
        }
        self.ip_groups.remove(group_id);
        self.tags.remove(group_id);
        Ok(json!({}))
    }

    pub(super) fn authorize_ip_rules(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let group_id = input.required_id("GroupId", &IP_GROUP_ID)?;
        let rules =
            parse_rules(input, "UserRules")?.ok_or_else(|| missing(&input.path_of("UserRules")))?;
        let group = self.ip_group_mut(group_id)?;
        let mut user_rules = group.user_rules.clone();
        for rule in rules {
            match user_rules.iter_mut().find(|r| r.ip_rule == rule.ip_rule) {
                Some(existing) => *existing = rule,
                None => user_rules.push(rule),
            }
        }
        if user_rules.len() > MAX_RULES_PER_GROUP {
            return Err(too_many_rules(group_id));
        }
        group.user_rules = user_rules;
        Ok(json!({}))
    }

    pub(super) fn revoke_ip_rules(&mut self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let group_id = input.required_id("GroupId", &IP_GROUP_ID)?;
        let rules = input
            .strings("UserRules")?
            .ok_or_else(|| missing(&input.path_of("UserRules")))?;
        for rule in &rules {
            check_cidr(rule)?;
        }
        let group = self.ip_group_mut(group_id)?;
        group
            .user_rules
            .retain(|r| !rules.contains(&r.ip_rule.as_str()));
        Ok(json!({}))
    }

    pub(super) fn update_rules_of_ip_group(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let group_id = input.required_id("GroupId", &IP_GROUP_ID)?;
        let rules =
            parse_rules(input, "UserRules")?.ok_or_else(|| missing(&input.path_of("UserRules")))?;
        if rules.len() > MAX_RULES_PER_GROUP {
            return Err(too_many_rules(group_id));
        }
        self.ip_group_mut(group_id)?.user_rules = rules;
        Ok(json!({}))
    }

    /// The directory and groups AssociateIpGroups and DisassociateIpGroups
    /// name, each known, the directory registered.
    fn directory_and_groups<'a>(
        &self,
        input: &Input<'a>,
    ) -> Result<(&'a str, Vec<&'a str>), WsError> {
        let directory_id = input.required_id("DirectoryId", &DIRECTORY_ID)?;
        let group_ids = input
            .strings("GroupIds")?
            .ok_or_else(|| missing(&input.path_of("GroupIds")))?;
        IP_GROUP_ID.check_all(&input.path_of("GroupIds"), &group_ids)?;
        let directory = self.directories.get(directory_id).ok_or_else(|| {
            WsError::not_found(format!("The directory {directory_id} could not be found."))
        })?;
        if directory.state != "REGISTERED" {
            return Err(WsError::invalid_state(format!(
                "The directory {directory_id} is {}.",
                directory.state
            )));
        }
        if let Some(unknown) = group_ids
            .iter()
            .find(|id| !self.ip_groups.contains_key(**id))
        {
            return Err(WsError::not_found(format!(
                "The IP group {unknown} could not be found."
            )));
        }
        Ok((directory_id, group_ids))
    }

    pub(super) fn associate_ip_groups(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let (directory_id, group_ids) = self.directory_and_groups(input)?;
        let Some(directory) = self.directories.get_mut(directory_id) else {
            return Err(WsError::not_found(directory_id.to_owned()));
        };
        let mut associated = directory.ip_group_ids.clone();
        for group_id in group_ids {
            if !associated.iter().any(|id| id == group_id) {
                associated.push(group_id.to_owned());
            }
        }
        if associated.len() > MAX_GROUPS_PER_DIRECTORY {
            return Err(WsError::of(
                "ResourceLimitExceededException",
                format!(
                    "The directory {directory_id} would have more than {MAX_GROUPS_PER_DIRECTORY} IP groups."
                ),
            ));
        }
        directory.ip_group_ids = associated;
        Ok(json!({}))
    }

    pub(super) fn disassociate_ip_groups(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let (directory_id, group_ids) = self.directory_and_groups(input)?;
        if let Some(directory) = self.directories.get_mut(directory_id) {
            directory
                .ip_group_ids
                .retain(|id| !group_ids.contains(&id.as_str()));
        }
        Ok(json!({}))
    }
}
