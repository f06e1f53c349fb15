//! IP access control groups: DescribeIpGroups, CreateIpGroup, DeleteIpGroup,
//! their rules (AuthorizeIpRules, RevokeIpRules, UpdateRulesOfIpGroup) and
//! their association with directories (AssociateIpGroups, DisassociateIpGroups).

use aws_sdk_workspaces::types::{IpRuleItem, Tag, WorkspacesIpGroup};

use super::workspaces::{BATCH_SIZE, service_error};
use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// One rule: a CIDR range (already checked) and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpRule {
    pub cidr: String,
    pub description: Option<String>,
}

fn rule_items(rules: &[IpRule]) -> Vec<IpRuleItem> {
    rules
        .iter()
        .map(|rule| {
            IpRuleItem::builder()
                .ip_rule(&rule.cidr)
                .set_rule_desc(rule.description.clone())
                .build()
        })
        .collect()
}

/// DescribeIpGroups, one page at a time: every group, or those of `ids`.
pub fn ip_groups(client: &Client, ids: &[String]) -> Pages<WorkspacesIpGroup> {
    let client = client.clone();
    Pages::per_id_group(ids, move |ids| {
        let client = client.clone();
        Pages::following_token(move |next_token| {
            let (client, ids) = (client.clone(), ids.clone());
            async move {
                let output = client
                    .describe_ip_groups()
                    .set_group_ids(ids)
                    .max_results(BATCH_SIZE as i32)
                    .set_next_token(next_token)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeIpGroups", e))?;
                Ok((output.result.unwrap_or_default(), output.next_token))
            }
        })
    })
}

pub async fn describe_ip_groups(client: &Client, ids: &[String]) -> Result<Vec<WorkspacesIpGroup>> {
    ip_groups(client, ids).all().await
}

pub async fn get_ip_group(client: &Client, id: &str) -> Result<WorkspacesIpGroup> {
    describe_ip_groups(client, &[id.to_owned()])
        .await?
        .into_iter()
        .find(|g| g.group_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeIpGroups",
                "ResourceNotFoundException",
                &format!("no IP group {id}"),
            )
        })
}

/// CreateIpGroup; returns the new group's ID.
pub async fn create_ip_group(
    client: &Client,
    name: &str,
    description: Option<&str>,
    rules: &[IpRule],
    tags: Vec<Tag>,
) -> Result<String> {
    let output = client
        .create_ip_group()
        .group_name(name)
        .set_group_desc(description.map(str::to_owned))
        .set_user_rules(Some(rule_items(rules)))
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| client.error("CreateIpGroup", e))?;
    Ok(output.group_id.unwrap_or_default())
}

pub async fn delete_ip_group(client: &Client, id: &str) -> Result<()> {
    client
        .delete_ip_group()
        .group_id(id)
        .send()
        .await
        .map_err(|e| client.error("DeleteIpGroup", e))?;
    Ok(())
}

pub async fn authorize_ip_rules(client: &Client, id: &str, rules: &[IpRule]) -> Result<()> {
    client
        .authorize_ip_rules()
        .group_id(id)
        .set_user_rules(Some(rule_items(rules)))
        .send()
        .await
        .map_err(|e| client.error("AuthorizeIpRules", e))?;
    Ok(())
}

pub async fn revoke_ip_rules(client: &Client, id: &str, cidrs: &[String]) -> Result<()> {
    client
        .revoke_ip_rules()
        .group_id(id)
        .set_user_rules(Some(cidrs.to_vec()))
        .send()
        .await
        .map_err(|e| client.error("RevokeIpRules", e))?;
    Ok(())
}

pub async fn update_rules_of_ip_group(client: &Client, id: &str, rules: &[IpRule]) -> Result<()> {
    client
        .update_rules_of_ip_group()
        .group_id(id)
        .set_user_rules(Some(rule_items(rules)))
        .send()
        .await
        .map_err(|e| client.error("UpdateRulesOfIpGroup", e))?;
    Ok(())
}

pub async fn associate_ip_groups(client: &Client, directory: &str, ids: &[String]) -> Result<()> {
    client
        .associate_ip_groups()
        .directory_id(directory)
        .set_group_ids(Some(ids.to_vec()))
        .send()
        .await
        .map_err(|e| client.error("AssociateIpGroups", e))?;
    Ok(())
}

pub async fn disassociate_ip_groups(
    client: &Client,
    directory: &str,
    ids: &[String],
) -> Result<()> {
    client
        .disassociate_ip_groups()
        .directory_id(directory)
        .set_group_ids(Some(ids.to_vec()))
        .send()
        .await
        .map_err(|e| client.error("DisassociateIpGroups", e))?;
    Ok(())
}
