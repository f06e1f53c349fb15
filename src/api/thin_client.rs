//! WorkSpaces Thin Client calls.

use aws_sdk_workspacesthinclient::Client;
use aws_sdk_workspacesthinclient::types::Device;

use crate::error::{Result, from_sdk};
use crate::resources::devices::from_summary;

/// The API's largest page: fewest round trips.
pub const PAGE_SIZE: i32 = 50;

/// ListDevices, one page at a time, so callers can write each page before
/// asking for the next.
pub struct DevicePages {
    client: Client,
    next_token: Option<String>,
    done: bool,
}

impl DevicePages {
    pub fn new(client: Client) -> Self {
        DevicePages {
            client,
            next_token: None,
            done: false,
        }
    }

    pub async fn next_page(&mut self) -> Result<Option<Vec<Device>>> {
        if self.done {
            return Ok(None);
        }
        let output = self
            .client
            .list_devices()
            .max_results(PAGE_SIZE)
            .set_next_token(self.next_token.take())
            .send()
            .await
            .map_err(|e| from_sdk("ListDevices", e))?;
        self.next_token = output.next_token.filter(|t| !t.is_empty());
        self.done = self.next_token.is_none();
        Ok(Some(
            output
                .devices
                .unwrap_or_default()
                .into_iter()
                .map(from_summary)
                .collect(),
        ))
    }
}

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
    use futures::{StreamExt, TryStreamExt};
    futures::stream::iter(devices)
        .map(|summary| async move {
            let Some(id) = summary.id.clone() else {
                return Ok(summary);
            };
            match get_device(client, &id).await {
                Err(err) if err.is_not_found() => Ok(summary),
                other => other,
            }
        })
        .buffered(concurrency.max(1))
        .try_collect()
        .await
}

impl crate::fanout::PageSource<Device> for DevicePages {
    async fn next_page(&mut self) -> Result<Option<Vec<Device>>> {
        DevicePages::next_page(self).await
    }
}
