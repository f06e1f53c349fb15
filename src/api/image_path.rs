//! Amazon WorkSpaces calls of the golden-image path: imaging a WorkSpace,
//! copying an image to another region, and sharing it with other accounts.

use aws_sdk_workspaces::types::{
    Application, ImagePermission, Tag, WorkspaceImageIngestionProcess,
};

use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// CreateWorkspaceImage: an image of a WorkSpace; answers its ID.
pub async fn create_image_from_workspace(
    client: &Client,
    workspace_id: &str,
    name: &str,
    description: &str,
    tags: Vec<Tag>,
) -> Result<String> {
    let output = client
        .create_workspace_image()
        .workspace_id(workspace_id)
        .name(name)
        .description(description)
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| client.error("CreateWorkspaceImage", e))?;
    output
        .image_id
        .ok_or_else(|| anyhow::anyhow!("CreateWorkspaceImage returned no image ID").into())
}

/// What CopyWorkspaceImage copies, sent by the client of the destination region.
#[derive(Debug, Clone)]
pub struct ImageCopy {
    pub source_image_id: String,
    pub source_region: String,
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<Tag>,
}

/// CopyWorkspaceImage into `client`'s region; answers the copy's ID there.
pub async fn copy_image(client: &Client, copy: &ImageCopy) -> Result<String> {
    let output = client
        .copy_workspace_image()
        .source_image_id(&copy.source_image_id)
        .source_region(&copy.source_region)
        .name(&copy.name)
        .set_description(copy.description.clone())
        .set_tags((!copy.tags.is_empty()).then(|| copy.tags.clone()))
        .send()
        .await
        .map_err(|e| client.error("CopyWorkspaceImage", e))?;
    output
        .image_id
        .ok_or_else(|| anyhow::anyhow!("CopyWorkspaceImage returned no image ID").into())
}

/// DescribeWorkspaceImagePermissions: the accounts an image is shared with, every page.
pub fn image_permissions(client: &Client, image_id: &str) -> Pages<ImagePermission> {
    let (client, image_id) = (client.clone(), image_id.to_owned());
    Pages::following_token(move |next_token| {
        let (client, image_id) = (client.clone(), image_id.clone());
        async move {
            let output = client
                .describe_workspace_image_permissions()
                .image_id(image_id)
                .max_results(25)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("DescribeWorkspaceImagePermissions", e))?;
            Ok((
                output.image_permissions.unwrap_or_default(),
                output.next_token,
            ))
        }
    })
}

/// UpdateWorkspaceImagePermission: shares the image with `account` (`allow`)
/// or stops sharing it.
pub async fn set_image_permission(
    client: &Client,
    image_id: &str,
    account: &str,
    allow: bool,
) -> Result<()> {
    client
        .update_workspace_image_permission()
        .image_id(image_id)
        .shared_account_id(account)
        .allow_copy_image(allow)
        .send()
        .await
        .map_err(|e| client.error("UpdateWorkspaceImagePermission", e))?;
    Ok(())
}

/// What ImportWorkspaceImage brings in from EC2.
#[derive(Debug, Clone)]
pub struct Ec2Import {
    pub ec2_image_id: String,
    pub ingestion_process: WorkspaceImageIngestionProcess,
    pub name: String,
    pub description: String,
    pub applications: Vec<Application>,
    pub tags: Vec<Tag>,
}

/// ImportWorkspaceImage: a BYOL image from an EC2 image; answers its ID.
pub async fn import_image(client: &Client, import: Ec2Import) -> Result<String> {
    let output = client
        .import_workspace_image()
        .ec2_image_id(import.ec2_image_id)
        .ingestion_process(import.ingestion_process)
        .image_name(import.name)
        .image_description(import.description)
        .set_applications((!import.applications.is_empty()).then_some(import.applications))
        .set_tags((!import.tags.is_empty()).then_some(import.tags))
        .send()
        .await
        .map_err(|e| client.error("ImportWorkspaceImage", e))?;
    output
        .image_id
        .ok_or_else(|| anyhow::anyhow!("ImportWorkspaceImage returned no image ID").into())
}
