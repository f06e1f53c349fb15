//! Connection aliases (cross-Region redirection): DescribeConnectionAliases,
//! CreateConnectionAlias, DeleteConnectionAlias, their association with a
//! directory (AssociateConnectionAlias, DisassociateConnectionAlias) and
//! their sharing with other accounts (DescribeConnectionAliasPermissions,
//! UpdateConnectionAliasPermission).

use aws_sdk_workspaces::types::{ConnectionAlias, ConnectionAliasPermission, Tag};

use super::workspaces::service_error;
use super::{Pages, WorkspacesClient as Client, build_error};
use crate::error::Result;

/// Which aliases DescribeConnectionAliases answers: those of `ids` (25 a
/// call), those associated with `directory`, or every one.
#[derive(Debug, Clone, Default)]
pub struct AliasQuery {
    pub ids: Vec<String>,
    pub directory: Option<String>,
}

/// DescribeConnectionAliases, one page at a time.
pub fn connection_aliases(client: &Client, query: AliasQuery) -> Pages<ConnectionAlias> {
    let client = client.clone();
    let directory = query.directory;
    Pages::per_id_group(&query.ids, move |ids| {
        let (client, directory) = (client.clone(), directory.clone());
        Pages::following_token(move |next_token| {
            let (client, ids, directory) = (client.clone(), ids.clone(), directory.clone());
            async move {
                let output = client
                    .describe_connection_aliases()
                    .set_alias_ids(ids)
                    .set_resource_id(directory)
                    .set_next_token(next_token)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeConnectionAliases", e))?;
                Ok((
                    output.connection_aliases.unwrap_or_default(),
                    output.next_token,
                ))
            }
        })
    })
}

pub async fn describe_connection_aliases(
    client: &Client,
    ids: &[String],
) -> Result<Vec<ConnectionAlias>> {
    let query = AliasQuery {
        ids: ids.to_vec(),
        directory: None,
    };
    connection_aliases(client, query).all().await
}

pub async fn get_connection_alias(client: &Client, id: &str) -> Result<ConnectionAlias> {
    describe_connection_aliases(client, &[id.to_owned()])
        .await?
        .into_iter()
        .find(|a| a.alias_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeConnectionAliases",
                "ResourceNotFoundException",
                &format!("no connection alias {id}"),
            )
        })
}

/// CreateConnectionAlias; returns the new alias's ID.
pub async fn create_connection_alias(
    client: &Client,
    connection_string: &str,
    tags: Vec<Tag>,
) -> Result<String> {
    let output = client
        .create_connection_alias()
        .connection_string(connection_string)
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| client.error("CreateConnectionAlias", e))?;
    output
        .alias_id
        .ok_or_else(|| anyhow::anyhow!("CreateConnectionAlias returned no alias ID").into())
}

pub async fn delete_connection_alias(client: &Client, id: &str) -> Result<()> {
    client
        .delete_connection_alias()
        .alias_id(id)
        .send()
        .await
        .map_err(|e| client.error("DeleteConnectionAlias", e))?;
    Ok(())
}

/// AssociateConnectionAlias; returns the connection identifier the
/// association was given.
pub async fn associate_connection_alias(
    client: &Client,
    id: &str,
    directory: &str,
) -> Result<String> {
    let output = client
        .associate_connection_alias()
        .alias_id(id)
        .resource_id(directory)
        .send()
        .await
        .map_err(|e| client.error("AssociateConnectionAlias", e))?;
    Ok(output.connection_identifier.unwrap_or_default())
}

pub async fn disassociate_connection_alias(client: &Client, id: &str) -> Result<()> {
    client
        .disassociate_connection_alias()
        .alias_id(id)
        .send()
        .await
        .map_err(|e| client.error("DisassociateConnectionAlias", e))?;
    Ok(())
}

/// DescribeConnectionAliasPermissions: the accounts an alias is shared
/// with, every page.
pub fn connection_alias_permissions(client: &Client, id: &str) -> Pages<ConnectionAliasPermission> {
    let (client, id) = (client.clone(), id.to_owned());
    Pages::following_token(move |next_token| {
        let (client, id) = (client.clone(), id.clone());
        async move {
            let output = client
                .describe_connection_alias_permissions()
                .alias_id(id)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("DescribeConnectionAliasPermissions", e))?;
            Ok((
                output.connection_alias_permissions.unwrap_or_default(),
                output.next_token,
            ))
        }
    })
}

/// UpdateConnectionAliasPermission: shares the alias with `account`
/// (`allow`: the account may associate it with its directories) or stops
/// sharing it.
pub async fn set_connection_alias_permission(
    client: &Client,
    id: &str,
    account: &str,
    allow: bool,
) -> Result<()> {
    let permission = ConnectionAliasPermission::builder()
        .shared_account_id(account)
        .allow_association(allow)
        .build()
        .map_err(build_error)?;
    client
        .update_connection_alias_permission()
        .alias_id(id)
        .connection_alias_permission(permission)
        .send()
        .await
        .map_err(|e| client.error("UpdateConnectionAliasPermission", e))?;
    Ok(())
}
