//! WorkSpaces Thin Client calls.

use std::collections::HashMap;

use aws_sdk_workspacesthinclient::types::{
    Device, DeviceSummary, Environment, EnvironmentSummary, MaintenanceWindow, SoftwareSet,
    SoftwareSetSummary, SoftwareSetUpdateMode, SoftwareSetUpdateSchedule,
    SoftwareSetValidationStatus, TargetDeviceStatus,
};

use super::{Pages, ThinClient as Client};
use crate::error::Result;

/// The API's largest page: fewest round trips.
pub const PAGE_SIZE: i32 = 50;

/// ListDevices, one page at a time; each summary held as a `Device`.
pub fn devices(client: &Client) -> Pages<Device> {
    let pages = client
        .list_devices()
        .into_paginator()
        .page_size(PAGE_SIZE)
        .send();
    Pages::of_paginator(client, "ListDevices", pages, |page| {
        page.devices.unwrap_or_default()
    })
    .map(device_of)
}

/// ListEnvironments, one page at a time.
pub fn environments(client: &Client) -> Pages<Environment> {
    let pages = client
        .list_environments()
        .into_paginator()
        .page_size(PAGE_SIZE)
        .send();
    Pages::of_paginator(client, "ListEnvironments", pages, |page| {
        page.environments.unwrap_or_default()
    })
    .map(environment_of)
}

/// ListSoftwareSets, one page at a time.
pub fn software_sets(client: &Client) -> Pages<SoftwareSet> {
    let pages = client
        .list_software_sets()
        .into_paginator()
        .page_size(PAGE_SIZE)
        .send();
    Pages::of_paginator(client, "ListSoftwareSets", pages, |page| {
        page.software_sets.unwrap_or_default()
    })
    .map(software_set_of)
}

/// The summary a listing returns is a subset of the Get call's fields
/// under the same names; held as a `Device`, one declaration serves all verbs.
fn device_of(summary: DeviceSummary) -> Device {
    Device::builder()
        .set_id(summary.id)
        .set_serial_number(summary.serial_number)
        .set_name(summary.name)
        .set_model(summary.model)
        .set_environment_id(summary.environment_id)
        .set_status(summary.status)
        .set_current_software_set_id(summary.current_software_set_id)
        .set_desired_software_set_id(summary.desired_software_set_id)
        .set_pending_software_set_id(summary.pending_software_set_id)
        .set_software_set_update_schedule(summary.software_set_update_schedule)
        .set_last_connected_at(summary.last_connected_at)
        .set_last_posture_at(summary.last_posture_at)
        .set_created_at(summary.created_at)
        .set_updated_at(summary.updated_at)
        .set_arn(summary.arn)
        .set_last_user_id(summary.last_user_id)
        .build()
}

/// ListEnvironments' and Create/UpdateEnvironment's subset of GetEnvironment.
fn environment_of(summary: EnvironmentSummary) -> Environment {
    Environment::builder()
        .set_id(summary.id)
        .set_name(summary.name)
        .set_desktop_arn(summary.desktop_arn)
        .set_desktop_endpoint(summary.desktop_endpoint)
        .set_desktop_type(summary.desktop_type)
        .set_activation_code(summary.activation_code)
        .set_software_set_update_schedule(summary.software_set_update_schedule)
        .set_maintenance_window(summary.maintenance_window)
        .set_software_set_update_mode(summary.software_set_update_mode)
        .set_desired_software_set_id(summary.desired_software_set_id)
        .set_pending_software_set_id(summary.pending_software_set_id)
        .set_created_at(summary.created_at)
        .set_updated_at(summary.updated_at)
        .set_arn(summary.arn)
        .build()
}

/// ListSoftwareSets' subset of GetSoftwareSet.
fn software_set_of(summary: SoftwareSetSummary) -> SoftwareSet {
    SoftwareSet::builder()
        .set_id(summary.id)
        .set_version(summary.version)
        .set_released_at(summary.released_at)
        .set_supported_until(summary.supported_until)
        .set_validation_status(summary.validation_status)
        .set_arn(summary.arn)
        .build()
}

pub async fn get_device(client: &Client, id: &str) -> Result<Device> {
    let output = client
        .get_device()
        .id(id)
        .send()
        .await
        .map_err(|e| client.error("GetDevice", e))?;
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
            let id = id_of(&summary);
            let fetch = &fetch;
            async move {
                let Some(id) = id else {
                    return Ok(summary);
                };
                // A plan's look-ups of hundreds of targets meet the same
                // throttling and server errors the changes do.
                match super::retry::retrying(|| fetch(id.clone())).await {
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
        .map_err(|e| client.error("GetEnvironment", e))?;
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
        .map_err(|e| client.error("GetSoftwareSet", e))?;
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
        .map_err(|e| client.error("UpdateDevice", e))?;
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
        .map_err(|e| client.error("DeregisterDevice", e))?;
    Ok(())
}

pub async fn delete_device(client: &Client, id: &str, client_token: &str) -> Result<()> {
    client
        .delete_device()
        .id(id)
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| client.error("DeleteDevice", e))?;
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
        .map_err(|e| client.error("CreateEnvironment", e))?;
    output
        .environment
        .map(environment_of)
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
        .map_err(|e| client.error("UpdateEnvironment", e))?;
    output
        .environment
        .map(environment_of)
        .ok_or_else(|| anyhow::anyhow!("UpdateEnvironment returned no environment for {id}").into())
}

pub async fn delete_environment(client: &Client, id: &str, client_token: &str) -> Result<()> {
    client
        .delete_environment()
        .id(id)
        .client_token(client_token)
        .send()
        .await
        .map_err(|e| client.error("DeleteEnvironment", e))?;
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
        .map_err(|e| client.error("UpdateSoftwareSet", e))?;
    Ok(())
}

pub async fn list_tags(client: &Client, arn: &str) -> Result<HashMap<String, String>> {
    let output = client
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .map_err(|e| client.error("ListTagsForResource", e))?;
    Ok(output.tags.unwrap_or_default())
}

pub async fn tag_resource(client: &Client, arn: &str, tags: HashMap<String, String>) -> Result<()> {
    client
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tags))
        .send()
        .await
        .map_err(|e| client.error("TagResource", e))?;
    Ok(())
}

pub async fn untag_resource(client: &Client, arn: &str, keys: Vec<String>) -> Result<()> {
    client
        .untag_resource()
        .resource_arn(arn)
        .set_tag_keys(Some(keys))
        .send()
        .await
        .map_err(|e| client.error("UntagResource", e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::error::{AppError, AwsError, AwsErrorKind};

    fn throttled() -> AppError {
        AppError::Aws(Box::new(AwsError {
            operation: "GetDevice",
            kind: AwsErrorKind::Service,
            code: Some("ThrottlingException".to_owned()),
            message: "Rate exceeded".to_owned(),
            request_id: None,
            fields: Vec::new(),
            retry_after: Some(std::time::Duration::from_millis(1)),
            hints: Vec::new(),
        }))
    }

    /// A plan looks up hundreds of targets: one throttled look-up must be
    /// tried again, not end the whole command.
    #[tokio::test]
    async fn a_throttled_look_up_is_tried_again() {
        let calls = AtomicU32::new(0);
        let items = vec!["a".to_owned(), "b".to_owned()];
        let filled = fill_details(
            items,
            2,
            |id: &String| Some(id.clone()),
            |id| {
                let first = calls.fetch_add(1, Ordering::SeqCst) == 0;
                async move {
                    if first {
                        Err(throttled())
                    } else {
                        Ok(format!("{id} in full"))
                    }
                }
            },
        )
        .await
        .unwrap();
        assert_eq!(filled, ["a in full", "b in full"]);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
