//! WorkSpaces Thin Client calls.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use aws_sdk_workspacesthinclient::Client;
use aws_sdk_workspacesthinclient::types::{
    Device, Environment, MaintenanceWindow, SoftwareSet, SoftwareSetUpdateMode,
    SoftwareSetUpdateSchedule, SoftwareSetValidationStatus, TargetDeviceStatus,
};

use crate::error::{Result, from_sdk};
use crate::resources::{devices, environments, software_sets};

/// The API's largest page: fewest round trips.
pub const PAGE_SIZE: i32 = 50;

type PageFuture<T> = Pin<Box<dyn Future<Output = Result<(Vec<T>, Option<String>)>> + Send>>;

/// A List* operation, one page at a time, so callers can write each page
/// before asking for the next.
pub struct Pages<T> {
    client: Client,
    next_token: Option<String>,
    done: bool,
    fetch: fn(Client, Option<String>) -> PageFuture<T>,
}

pub type DevicePages = Pages<Device>;
pub type EnvironmentPages = Pages<Environment>;
pub type SoftwareSetPages = Pages<SoftwareSet>;

impl<T> Pages<T> {
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        if self.done {
            return Ok(None);
        }
        let (items, next_token) = (self.fetch)(self.client.clone(), self.next_token.take()).await?;
        self.next_token = next_token.filter(|t| !t.is_empty());
        self.done = self.next_token.is_none();
        Ok(Some(items))
    }

    /// Every page, for callers that need the whole set (a plan, a lookup).
    pub async fn all(mut self) -> Result<Vec<T>> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }
}

/// `Pages::new` for one List* operation: the three differ only in the
/// call, the output member and the summary-to-detail conversion.
macro_rules! pages_of {
    ($item:ty, $call:ident, $member:ident, $operation:literal, $from_summary:path) => {
        impl Pages<$item> {
            pub fn new(client: Client) -> Self {
                Pages {
                    client,
                    next_token: None,
                    done: false,
                    fetch: |client, token| {
                        Box::pin(async move {
                            let output = client
                                .$call()
                                .max_results(PAGE_SIZE)
                                .set_next_token(token)
                                .send()
                                .await
                                .map_err(|e| from_sdk($operation, e))?;
                            let items = output.$member.unwrap_or_default();
                            Ok((
                                items.into_iter().map($from_summary).collect(),
                                output.next_token,
                            ))
                        })
                    },
                }
            }
        }
    };
}

pages_of!(
    Device,
    list_devices,
    devices,
    "ListDevices",
    devices::from_summary
);
pages_of!(
    Environment,
    list_environments,
    environments,
    "ListEnvironments",
    environments::from_summary
);
pages_of!(
    SoftwareSet,
    list_software_sets,
    software_sets,
    "ListSoftwareSets",
    software_sets::from_summary
);

pub async fn get_device(client: &Client, id: &str) -> Result<Device> {
    let output = client
        .get_device()
        .id(id)
        .send()
        .await
        .map_err(|e| from_sdk("GetDevice", e))?;
    output
        .device
        .ok_or_else(|| anyhow::anyhow!("GetDevice returned no device for {id}").into())
}

/// GetDevice for each device, `concurrency` at a time, in the given order.
/// A device deleted since it was listed keeps what the listing said of it.
pub async fn with_details(
    client: &Client,
    devices: Vec<Device>,
    concurrency: usize,
) -> Result<Vec<Device>> {
    fill_details(
        devices,
        concurrency,
        |d: &Device| d.id.clone(),
        |id| async move { get_device(client, &id).await },
    )
    .await
}

/// GetEnvironment for each environment, as [`with_details`] does for devices.
pub async fn environments_with_details(
    client: &Client,
    environments: Vec<Environment>,
    concurrency: usize,
) -> Result<Vec<Environment>> {
    fill_details(
        environments,
        concurrency,
        |e: &Environment| e.id.clone(),
        |id| async move { get_environment(client, &id).await },
    )
    .await
}

/// GetSoftwareSet for each software set (the software it holds), as
/// [`with_details`] does for devices.
pub async fn software_sets_with_details(
    client: &Client,
    software_sets: Vec<SoftwareSet>,
    concurrency: usize,
) -> Result<Vec<SoftwareSet>> {
    fill_details(
        software_sets,
        concurrency,
        |s: &SoftwareSet| s.id.clone(),
        |id| async move { get_software_set(client, &id).await },
    )
    .await
}

/// Replaces each listed item by its details, `concurrency` calls at a time,
/// keeping the order; an item gone since it was listed keeps its summary.
async fn fill_details<T, Fut>(
    items: Vec<T>,
    concurrency: usize,
    id_of: impl Fn(&T) -> Option<String>,
    fetch: impl Fn(String) -> Fut,
) -> Result<Vec<T>>
where
    Fut: std::future::Future<Output = Result<T>>,
{
    use futures::{StreamExt, TryStreamExt};
    futures::stream::iter(items)
        .map(|summary| {
            let details = id_of(&summary).map(&fetch);
            async move {
                let Some(details) = details else {
                    return Ok(summary);
                };
                match details.await {
                    Err(err) if err.is_not_found() => Ok(summary),
                    other => other,
                }
            }
        })
        .buffered(concurrency.max(1))
        .try_collect()
        .await
}

pub async fn get_environment(client: &Client, id: &str) -> Result<Environment> {
    let output = client
        .get_environment()
        .id(id)
        .send()
        .await
        .map_err(|e| from_sdk("GetEnvironment", e))?;
    output
        .environment
        .ok_or_else(|| anyhow::anyhow!("GetEnvironment returned no environment for {id}").into())
}

pub async fn get_software_set(client: &Client, id: &str) -> Result<SoftwareSet> {
    let output = client
        .get_software_set()
        .id(id)
        .send()
        .await
        .map_err(|e| from_sdk("GetSoftwareSet", e))?;
    output
        .software_set
        .ok_or_else(|| anyhow::anyhow!("GetSoftwareSet returned no software set for {id}").into())
}

/// What UpdateDevice changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DeviceChanges {
    pub name: Option<String>,
    pub desired_software_set_id: Option<String>,
    pub update_schedule: Option<SoftwareSetUpdateSchedule>,
}

pub async fn update_device(client: &Client, id: &str, changes: &DeviceChanges) -> Result<()> {
    client
        .update_device()
        .id(id)
        .set_name(changes.name.clone())
        .set_desired_software_set_id(changes.desired_software_set_id.clone())
        .set_software_set_update_schedule(changes.update_schedule.clone())
        .send()
        .await
        .map_err(|e| from_sdk("UpdateDevice", e))?;
    Ok(())
}

pub async fn deregister_device(
    client: &Client,
    id: &str,
    target_status: Option<TargetDeviceStatus>,
    client_token: &str,
) -> Result<()> {
    client
        .deregister_device()
        .id(id)
        .set_target_device_status(target_status)
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| from_sdk("DeregisterDevice", e))?;
    Ok(())
}

pub async fn delete_device(client: &Client, id: &str, client_token: &str) -> Result<()> {
    client
        .delete_device()
        .id(id)
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| from_sdk("DeleteDevice", e))?;
    Ok(())
}

/// The fields of Create/UpdateEnvironment; `None` leaves a field to the
/// service's default (create) or as it is (update). `kms_key_arn` and `tags`
/// exist on create only.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentFields {
    pub name: Option<String>,
    pub desktop_arn: Option<String>,
    pub desktop_endpoint: Option<String>,
    pub update_schedule: Option<SoftwareSetUpdateSchedule>,
    pub maintenance_window: Option<MaintenanceWindow>,
    pub update_mode: Option<SoftwareSetUpdateMode>,
    pub desired_software_set_id: Option<String>,
    pub device_creation_tags: Option<HashMap<String, String>>,
    pub kms_key_arn: Option<String>,
    pub tags: Option<HashMap<String, String>>,
}

pub async fn create_environment(
    client: &Client,
    fields: &EnvironmentFields,
    client_token: &str,
) -> Result<Environment> {
    let output = client
        .create_environment()
        .set_name(fields.name.clone())
        .set_desktop_arn(fields.desktop_arn.clone())
        .set_desktop_endpoint(fields.desktop_endpoint.clone())
        .set_software_set_update_schedule(fields.update_schedule.clone())
        .set_maintenance_window(fields.maintenance_window.clone())
        .set_software_set_update_mode(fields.update_mode.clone())
        .set_desired_software_set_id(fields.desired_software_set_id.clone())
        .set_device_creation_tags(fields.device_creation_tags.clone())
        .set_kms_key_arn(fields.kms_key_arn.clone())
        .set_tags(fields.tags.clone())
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| from_sdk("CreateEnvironment", e))?;
    output
        .environment
        .map(environments::from_summary)
        .ok_or_else(|| anyhow::anyhow!("CreateEnvironment returned no environment").into())
}

pub async fn update_environment(
    client: &Client,
    id: &str,
    fields: &EnvironmentFields,
) -> Result<Environment> {
    let output = client
        .update_environment()
        .id(id)
        .set_name(fields.name.clone())
        .set_desktop_arn(fields.desktop_arn.clone())
        .set_desktop_endpoint(fields.desktop_endpoint.clone())
        .set_software_set_update_schedule(fields.update_schedule.clone())
        .set_maintenance_window(fields.maintenance_window.clone())
        .set_software_set_update_mode(fields.update_mode.clone())
        .set_desired_software_set_id(fields.desired_software_set_id.clone())
        .set_device_creation_tags(fields.device_creation_tags.clone())
        .send()
        .await
        .map_err(|e| from_sdk("UpdateEnvironment", e))?;
    output
        .environment
        .map(environments::from_summary)
        .ok_or_else(|| anyhow::anyhow!("UpdateEnvironment returned no environment for {id}").into())
}

pub async fn delete_environment(client: &Client, id: &str, client_token: &str) -> Result<()> {
    client
        .delete_environment()
        .id(id)
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| from_sdk("DeleteEnvironment", e))?;
    Ok(())
}

pub async fn update_software_set(
    client: &Client,
    id: &str,
    status: SoftwareSetValidationStatus,
) -> Result<()> {
    client
        .update_software_set()
        .id(id)
        .validation_status(status)
        .send()
        .await
        .map_err(|e| from_sdk("UpdateSoftwareSet", e))?;
    Ok(())
}

pub async fn list_tags(client: &Client, arn: &str) -> Result<HashMap<String, String>> {
    let output = client
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .map_err(|e| from_sdk("ListTagsForResource", e))?;
    Ok(output.tags.unwrap_or_default())
}

pub async fn tag_resource(client: &Client, arn: &str, tags: HashMap<String, String>) -> Result<()> {
    client
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tags))
        .send()
        .await
        .map_err(|e| from_sdk("TagResource", e))?;
    Ok(())
}

pub async fn untag_resource(client: &Client, arn: &str, keys: Vec<String>) -> Result<()> {
    client
        .untag_resource()
        .resource_arn(arn)
        .set_tag_keys(Some(keys))
        .send()
        .await
        .map_err(|e| from_sdk("UntagResource", e))?;
    Ok(())
}

impl<T> crate::fanout::PageSource<T> for Pages<T> {
    async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        Pages::next_page(self).await
    }
}
