//! Tags on WorkSpaces resources (WorkSpaces, images, bundles, directories,
//! IP access control groups, pools, connection aliases), by resource ID.
//! DescribeTags is in [`super::workspaces`], where the inventory reads it.

use std::collections::HashMap;

use super::WorkspacesClient as Client;
use super::workspaces::tags;
use crate::error::Result;

/// CreateTags: adds the tags, overwriting those with the same keys.
pub async fn create_tags(
    client: &Client,
    resource_id: &str,
    new_tags: HashMap<String, String>,
) -> Result<()> {
    let pairs: Vec<(String, String)> = new_tags.into_iter().collect();
    client
        .create_tags()
        .resource_id(resource_id)
        .set_tags(Some(tags(&pairs)?))
        .send()
        .await
        .map_err(|e| client.error("CreateTags", e))?;
    Ok(())
}

/// DeleteTags: removes the tags with these keys (absent keys are no error).
pub async fn delete_tags(client: &Client, resource_id: &str, keys: Vec<String>) -> Result<()> {
    client
        .delete_tags()
        .resource_id(resource_id)
        .set_tag_keys(Some(keys))
        .send()
        .await
        .map_err(|e| client.error("DeleteTags", e))?;
    Ok(())
}
