//! Registering a directory and changing its property sets: one directory a
//! call for every Modify operation; client properties read 25 a call.

use aws_sdk_workspaces::types::{
    ActiveDirectoryConfig, CertificateBasedAuthProperties, ClientProperties,
    ClientPropertiesResult, DeletableCertificateBasedAuthProperty, DeletableSamlProperty,
    EndpointEncryptionMode, MicrosoftEntraConfig, SamlProperties, StreamingProperties, Tag,
    Tenancy, UserIdentityType, WorkspaceAccessProperties, WorkspaceCreationProperties,
    WorkspaceType,
};

use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

/// RegisterWorkspaceDirectory's members: `directory_id` for a Directory
/// Service directory; without it, WorkSpaces creates a `wsd-` directory
/// from the name, identity type and workspace type.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub directory_id: Option<String>,
    pub subnet_ids: Vec<String>,
    pub enable_self_service: Option<bool>,
    pub tenancy: Option<Tenancy>,
    pub tags: Vec<Tag>,
    pub workspace_directory_name: Option<String>,
    pub workspace_directory_description: Option<String>,
    pub user_identity_type: Option<UserIdentityType>,
    pub idc_instance_arn: Option<String>,
    pub microsoft_entra_config: Option<MicrosoftEntraConfig>,
    pub workspace_type: Option<WorkspaceType>,
    pub active_directory_config: Option<ActiveDirectoryConfig>,
}

/// The directory's ID (the one given, or the `wsd-` one WorkSpaces made).
pub async fn register_directory(client: &Client, registration: Registration) -> Result<String> {
    let answer = client
        .register_workspace_directory()
        .set_directory_id(registration.directory_id)
        .set_subnet_ids(non_empty(registration.subnet_ids))
        .set_enable_self_service(registration.enable_self_service)
        .set_tenancy(registration.tenancy)
        .set_tags(non_empty(registration.tags))
        .set_workspace_directory_name(registration.workspace_directory_name)
        .set_workspace_directory_description(registration.workspace_directory_description)
        .set_user_identity_type(registration.user_identity_type)
        .set_idc_instance_arn(registration.idc_instance_arn)
        .set_microsoft_entra_config(registration.microsoft_entra_config)
        .set_workspace_type(registration.workspace_type)
        .set_active_directory_config(registration.active_directory_config)
        .send()
        .await
        .map_err(|e| client.error("RegisterWorkspaceDirectory", e))?;
    Ok(answer.directory_id().unwrap_or_default().to_owned())
}

/// `None` for an empty list: the API takes an absent list, not an empty one.
fn non_empty<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

pub async fn modify_access_properties(
    client: &Client,
    id: &str,
    properties: WorkspaceAccessProperties,
) -> Result<()> {
    client
        .modify_workspace_access_properties()
        .resource_id(id)
        .workspace_access_properties(properties)
        .send()
        .await
        .map_err(|e| client.error("ModifyWorkspaceAccessProperties", e))?;
    Ok(())
}

pub async fn modify_creation_properties(
    client: &Client,
    id: &str,
    properties: WorkspaceCreationProperties,
) -> Result<()> {
    client
        .modify_workspace_creation_properties()
        .resource_id(id)
        .workspace_creation_properties(properties)
        .send()
        .await
        .map_err(|e| client.error("ModifyWorkspaceCreationProperties", e))?;
    Ok(())
}

pub async fn modify_streaming_properties(
    client: &Client,
    id: &str,
    properties: StreamingProperties,
) -> Result<()> {
    client
        .modify_streaming_properties()
        .resource_id(id)
        .streaming_properties(properties)
        .send()
        .await
        .map_err(|e| client.error("ModifyStreamingProperties", e))?;
    Ok(())
}

pub async fn modify_saml_properties(
    client: &Client,
    id: &str,
    properties: Option<SamlProperties>,
    delete: Vec<DeletableSamlProperty>,
) -> Result<()> {
    client
        .modify_saml_properties()
        .resource_id(id)
        .set_saml_properties(properties)
        .set_properties_to_delete(non_empty(delete))
        .send()
        .await
        .map_err(|e| client.error("ModifySamlProperties", e))?;
    Ok(())
}

pub async fn modify_certificate_based_auth_properties(
    client: &Client,
    id: &str,
    properties: Option<CertificateBasedAuthProperties>,
    delete: Vec<DeletableCertificateBasedAuthProperty>,
) -> Result<()> {
    client
        .modify_certificate_based_auth_properties()
        .resource_id(id)
        .set_certificate_based_auth_properties(properties)
        .set_properties_to_delete(non_empty(delete))
        .send()
        .await
        .map_err(|e| client.error("ModifyCertificateBasedAuthProperties", e))?;
    Ok(())
}

pub async fn modify_endpoint_encryption_mode(
    client: &Client,
    id: &str,
    mode: EndpointEncryptionMode,
) -> Result<()> {
    client
        .modify_endpoint_encryption_mode()
        .directory_id(id)
        .endpoint_encryption_mode(mode)
        .send()
        .await
        .map_err(|e| client.error("ModifyEndpointEncryptionMode", e))?;
    Ok(())
}

pub async fn modify_client_properties(
    client: &Client,
    id: &str,
    properties: ClientProperties,
) -> Result<()> {
    client
        .modify_client_properties()
        .resource_id(id)
        .client_properties(properties)
        .send()
        .await
        .map_err(|e| client.error("ModifyClientProperties", e))?;
    Ok(())
}

/// DescribeClientProperties, 25 IDs a call (it has no paging).
pub fn client_properties(client: &Client, ids: &[String]) -> Pages<ClientPropertiesResult> {
    let client = client.clone();
    Pages::per_id_group(ids, move |group| {
        let client = client.clone();
        Pages::following_token(move |_| {
            let (client, group) = (client.clone(), group.clone());
            async move {
                let answer = client
                    .describe_client_properties()
                    .set_resource_ids(group)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeClientProperties", e))?;
                Ok((answer.client_properties_list.unwrap_or_default(), None))
            }
        })
    })
}
