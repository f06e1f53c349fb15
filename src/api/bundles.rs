//! Amazon WorkSpaces bundles: listing Amazon's and the account's, creating,
//! updating and deleting the account's.

use aws_sdk_workspaces::types::{
    Compute, ComputeType, RootStorage, Tag, UserStorage, WorkspaceBundle,
};

use super::workspaces::service_error;
use super::{Pages, WorkspacesClient as Client, build_error};
use crate::error::Result;

/// DescribeWorkspaceBundles' `Owner` for Amazon's bundles; without it the
/// service lists the account's own.
pub const AMAZON: &str = "AMAZON";

/// DescribeWorkspaceBundles of the IDs given, 25 a call (the owner does not
/// matter, and the API refuses both at once).
pub fn bundles_by_id(client: &Client, ids: &[String]) -> Pages<WorkspaceBundle> {
    let client = client.clone();
    Pages::per_id_group(ids, move |ids| {
        let pages = client
            .describe_workspace_bundles()
            .set_bundle_ids(ids)
            .into_paginator()
            .send();
        Pages::of_paginator(&client, "DescribeWorkspaceBundles", pages, |page| {
            page.bundles.unwrap_or_default()
        })
    })
}

pub async fn get_bundle(client: &Client, id: &str) -> Result<WorkspaceBundle> {
    bundles_by_id(client, &[id.to_owned()])
        .all()
        .await?
        .into_iter()
        .find(|b| b.bundle_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeWorkspaceBundles",
                "ResourceNotFoundException",
                &format!("no bundle {id}"),
            )
        })
}

/// What CreateWorkspaceBundle needs.
#[derive(Debug, Clone)]
pub struct NewBundle {
    pub name: String,
    pub description: String,
    pub image_id: String,
    pub compute: Compute,
    pub user_gib: u32,
    pub root_gib: Option<u32>,
    pub tags: Vec<Tag>,
}

/// CreateWorkspaceBundle; answers the bundle as created.
pub async fn create_bundle(client: &Client, bundle: NewBundle) -> Result<WorkspaceBundle> {
    let user_storage = UserStorage::builder()
        .capacity(bundle.user_gib.to_string())
        .build()
        .map_err(build_error)?;
    let root_storage = bundle
        .root_gib
        .map(|gib| RootStorage::builder().capacity(gib.to_string()).build())
        .transpose()
        .map_err(build_error)?;
    let output = client
        .create_workspace_bundle()
        .bundle_name(bundle.name)
        .bundle_description(bundle.description)
        .image_id(bundle.image_id)
        .compute_type(ComputeType::builder().name(bundle.compute).build())
        .user_storage(user_storage)
        .set_root_storage(root_storage)
        .set_tags((!bundle.tags.is_empty()).then_some(bundle.tags))
        .send()
        .await
        .map_err(|e| client.error("CreateWorkspaceBundle", e))?;
    output
        .workspace_bundle
        .ok_or_else(|| anyhow::anyhow!("CreateWorkspaceBundle returned no bundle").into())
}

/// UpdateWorkspaceBundle: the bundle's WorkSpaces are built from `image_id` from now on.
pub async fn update_bundle(client: &Client, bundle_id: &str, image_id: &str) -> Result<()> {
    client
        .update_workspace_bundle()
        .bundle_id(bundle_id)
        .image_id(image_id)
        .send()
        .await
        .map_err(|e| client.error("UpdateWorkspaceBundle", e))?;
    Ok(())
}

pub async fn delete_bundle(client: &Client, bundle_id: &str) -> Result<()> {
    client
        .delete_workspace_bundle()
        .bundle_id(bundle_id)
        .send()
        .await
        .map_err(|e| client.error("DeleteWorkspaceBundle", e))?;
    Ok(())
}
