//! Amazon Connect client add-ins of a directory. DescribeConnectClientAddIns
//! has no SDK paginator: it follows `NextToken` itself.

use aws_sdk_workspaces::types::ConnectClientAddIn;

use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// DescribeConnectClientAddIns of one directory, every page.
pub fn add_ins(client: &Client, directory_id: &str) -> Pages<ConnectClientAddIn> {
    let client = client.clone();
    let directory_id = directory_id.to_owned();
    Pages::following_token(move |next_token| {
        let client = client.clone();
        let directory_id = directory_id.clone();
        async move {
            let output = client
                .describe_connect_client_add_ins()
                .resource_id(directory_id)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("DescribeConnectClientAddIns", e))?;
            Ok((output.add_ins.unwrap_or_default(), output.next_token))
        }
    })
}

/// The new add-in's ID.
pub async fn create_add_in(
    client: &Client,
    directory_id: &str,
    name: &str,
    url: &str,
) -> Result<String> {
    let output = client
        .create_connect_client_add_in()
        .resource_id(directory_id)
        .name(name)
        .url(url)
        .send()
        .await
        .map_err(|e| client.error("CreateConnectClientAddIn", e))?;
    output.add_in_id.ok_or_else(|| {
        anyhow::anyhow!("CreateConnectClientAddIn answered without an AddInId").into()
    })
}

pub async fn update_add_in(
    client: &Client,
    directory_id: &str,
    add_in_id: &str,
    name: Option<String>,
    url: Option<String>,
) -> Result<()> {
    client
        .update_connect_client_add_in()
        .resource_id(directory_id)
        .add_in_id(add_in_id)
        .set_name(name)
        .set_url(url)
        .send()
        .await
        .map(drop)
        .map_err(|e| client.error("UpdateConnectClientAddIn", e))
}

pub async fn delete_add_in(client: &Client, directory_id: &str, add_in_id: &str) -> Result<()> {
    client
        .delete_connect_client_add_in()
        .resource_id(directory_id)
        .add_in_id(add_in_id)
        .send()
        .await
        .map(drop)
        .map_err(|e| client.error("DeleteConnectClientAddIn", e))
}
