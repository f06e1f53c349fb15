//! `wsfleet devices list`

use aws_sdk_workspacesthinclient::types::Device;
use globset::GlobMatcher;

use super::{ComplianceArg, DeviceStatusArg};
use crate::api::thin_client::{DevicePages, with_details};
use crate::context::Context;
use crate::error::Result;
use crate::fanout::{self, PageSource, Service};
use crate::output::{Format, Selection, View};
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices list
  wsfleet devices list --environment a1b2c3d4e --status registered
  wsfleet devices list --name 'lobby-*' -o csv > lobby.csv
  wsfleet devices list --details --compliance not-compliant
  wsfleet devices list --columns id,serialNumber,lastUserId -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only devices in this environment
    #[arg(long, value_name = "ENV_ID")]
    pub environment: Option<String>,

    /// Only devices with this status
    #[arg(long, value_enum, ignore_case = true)]
    pub status: Option<DeviceStatusArg>,

    /// Only devices whose name matches this glob (case-insensitive)
    #[arg(long, value_name = "GLOB")]
    pub name: Option<String>,

    /// Only devices on this software set
    #[arg(long, value_name = "SOFTWARE_SET_ID")]
    pub software_set: Option<String>,

    /// Only devices with this compliance status (fetches details)
    #[arg(long, value_enum, ignore_case = true)]
    pub compliance: Option<ComplianceArg>,

    /// Fetch every device's details (GetDevice), --concurrency at a time
    #[arg(long)]
    pub details: bool,
}

/// The client-side filters: ListDevices has none of its own.
struct Filter {
    environment: Option<String>,
    status: Option<&'static str>,
    name: Option<GlobMatcher>,
    software_set: Option<String>,
    compliance: Option<&'static str>,
}

impl Filter {
    fn new(args: &Args) -> Result<Filter> {
        Ok(Filter {
            environment: args.environment.clone(),
            status: args.status.map(DeviceStatusArg::api_value),
            name: args.name.as_deref().map(validate::name_glob).transpose()?,
            software_set: args.software_set.clone(),
            compliance: args.compliance.map(ComplianceArg::api_value),
        })
    }

    /// What ListDevices already tells.
    fn matches_summary(&self, device: &Device) -> bool {
        let equals = |wanted: &Option<String>, actual: Option<&str>| {
            wanted.as_deref().is_none_or(|w| actual == Some(w))
        };
        equals(&self.environment, device.environment_id())
            && self
                .status
                .is_none_or(|s| device.status().map(|d| d.as_str()) == Some(s))
            && self
                .name
                .as_ref()
                .is_none_or(|glob| device.name().is_some_and(|n| glob.is_match(n)))
            && equals(&self.software_set, device.current_software_set_id())
    }

    /// What only GetDevice tells.
    fn matches_details(&self, device: &Device) -> bool {
        self.compliance
            .is_none_or(|c| device.software_set_compliance_status().map(|s| s.as_str()) == Some(c))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let filter = Filter::new(&args)?;
    let selection = Selection::<Device>::resolve(
        ctx.output.columns.as_deref(),
        View::List {
            details: args.details,
        },
        ctx.output.format == Format::Table,
    )?;
    let details = args.details || selection.needs_details() || filter.compliance.is_some();
    fanout::list(
        ctx,
        Service::ThinClient,
        selection,
        |session| DeviceListing::new(session.thin_client(), &filter, details, ctx.concurrency),
        "devices",
    )
    .await
}

/// ListDevices page by page, filtered and (when asked) completed with
/// GetDevice, `concurrency` at a time.
struct DeviceListing<'a> {
    pages: DevicePages,
    client: aws_sdk_workspacesthinclient::Client,
    filter: &'a Filter,
    details: bool,
    concurrency: usize,
}

impl<'a> DeviceListing<'a> {
    fn new(
        client: aws_sdk_workspacesthinclient::Client,
        filter: &'a Filter,
        details: bool,
        concurrency: usize,
    ) -> Self {
        DeviceListing {
            pages: DevicePages::new(client.clone()),
            client,
            filter,
            details,
            concurrency,
        }
    }
}

impl PageSource<Device> for DeviceListing<'_> {
    async fn next_page(&mut self) -> Result<Option<Vec<Device>>> {
        let Some(page) = self.pages.next_page().await? else {
            return Ok(None);
        };
        let mut page: Vec<Device> = page
            .into_iter()
            .filter(|d| self.filter.matches_summary(d))
            .collect();
        if self.details {
            page = with_details(&self.client, page, self.concurrency).await?;
        }
        page.retain(|d| self.filter.matches_details(d));
        Ok(Some(page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{ListWriter, OutputSettings};
    use aws_sdk_workspacesthinclient::Client;
    use aws_sdk_workspacesthinclient::operation::get_device::GetDeviceOutput;
    use aws_sdk_workspacesthinclient::operation::list_devices::{
        ListDevicesError, ListDevicesOutput,
    };
    use aws_sdk_workspacesthinclient::types::error::AccessDeniedException;
    use aws_sdk_workspacesthinclient::types::{
        DeviceSoftwareSetComplianceStatus, DeviceStatus, DeviceSummary,
    };
    use aws_smithy_mocks::{RuleMode, mock, mock_client};

    fn summary(i: usize, status: DeviceStatus) -> DeviceSummary {
        DeviceSummary::builder()
            .id(format!("{i:024}"))
            .name(format!("lobby-{i}"))
            .serial_number(format!("SN{i:06}"))
            .environment_id("abcde1234")
            .status(status)
            .build()
    }

    fn no_filter() -> Filter {
        Filter {
            environment: None,
            status: None,
            name: None,
            software_set: None,
            compliance: None,
        }
    }

    async fn list_as_ndjson(
        client: &Client,
        filter: &Filter,
        details: bool,
    ) -> Result<Vec<serde_json::Value>> {
        let settings = OutputSettings {
            format: Format::Ndjson,
            ..OutputSettings::default()
        };
        let selection = Selection::<Device>::resolve(None, View::List { details }, false)?;
        let mut out = Vec::new();
        let mut writer = ListWriter::new(&selection, &settings, &mut out)?;
        let mut listing = DeviceListing::new(client.clone(), filter, details, 4);
        while let Some(page) = listing.next_page().await? {
            for device in &page {
                writer.write(device)?;
            }
        }
        writer.finish()?;
        Ok(String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect())
    }

    #[tokio::test]
    async fn every_page_is_listed_once_in_order() {
        let pages = [
            mock!(Client::list_devices)
                .match_requests(|r| r.next_token().is_none() && r.max_results() == Some(50))
                .then_output(|| {
                    ListDevicesOutput::builder()
                        .devices(summary(1, DeviceStatus::Registered))
                        .devices(summary(2, DeviceStatus::Archived))
                        .next_token("page2")
                        .build()
                }),
            mock!(Client::list_devices)
                .match_requests(|r| r.next_token() == Some("page2"))
                .then_output(|| {
                    ListDevicesOutput::builder()
                        .devices(summary(3, DeviceStatus::Registered))
                        .next_token("page3")
                        .build()
                }),
            mock!(Client::list_devices)
                .match_requests(|r| r.next_token() == Some("page3"))
                .then_output(|| {
                    ListDevicesOutput::builder()
                        .devices(summary(4, DeviceStatus::Deregistered))
                        .build()
                }),
        ];
        let client = mock_client!(aws_sdk_workspacesthinclient, RuleMode::Sequential, &pages);
        let rows = list_as_ndjson(&client, &no_filter(), false).await.unwrap();
        let names: Vec<_> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["lobby-1", "lobby-2", "lobby-3", "lobby-4"]);
        assert_eq!(rows[1]["status"], "ARCHIVED");
        assert_eq!(rows[0]["serialNumber"], "SN000001");
        for page in &pages {
            assert_eq!(page.num_calls(), 1);
        }
    }

    #[tokio::test]
    async fn filters_apply_client_side_and_details_fill_compliance() {
        let list = mock!(Client::list_devices).then_output(|| {
            ListDevicesOutput::builder()
                .devices(summary(1, DeviceStatus::Registered))
                .devices(summary(2, DeviceStatus::Registered))
                .devices(summary(3, DeviceStatus::Archived))
                .build()
        });
        let get = mock!(Client::get_device).then_output(|| {
            GetDeviceOutput::builder()
                .device(
                    Device::builder()
                        .id(format!("{:024}", 1))
                        .name("lobby-1")
                        .status(DeviceStatus::Registered)
                        .software_set_compliance_status(
                            DeviceSoftwareSetComplianceStatus::NotCompliant,
                        )
                        .build(),
                )
                .build()
        });
        let client = mock_client!(
            aws_sdk_workspacesthinclient,
            RuleMode::MatchAny,
            [&list, &get]
        );
        let filter = Filter {
            status: Some("REGISTERED"),
            name: Some(validate::name_glob("*-1").unwrap()),
            ..no_filter()
        };
        let rows = list_as_ndjson(&client, &filter, true).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["softwareSetComplianceStatus"], "NOT_COMPLIANT");
        // Only the device that passed the summary filters was fetched.
        assert_eq!(get.num_calls(), 1);
    }

    #[tokio::test]
    async fn access_denied_is_exit_4_with_the_code() {
        let denied = mock!(Client::list_devices).then_error(|| {
            ListDevicesError::AccessDeniedException(
                AccessDeniedException::builder()
                    .message("User is not authorized to perform thinclient:ListDevices")
                    .meta(
                        aws_smithy_types::error::ErrorMetadata::builder()
                            .code("AccessDeniedException")
                            .message("User is not authorized to perform thinclient:ListDevices")
                            .build(),
                    )
                    .build(),
            )
        });
        let client = mock_client!(
            aws_sdk_workspacesthinclient,
            RuleMode::Sequential,
            [&denied]
        );
        let err = list_as_ndjson(&client, &no_filter(), false)
            .await
            .unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::ACCESS);
        let text = err.to_string();
        assert!(
            text.contains("ListDevices failed: AccessDeniedException"),
            "{text}"
        );
        assert!(text.contains("not authorized"), "{text}");
    }
}
