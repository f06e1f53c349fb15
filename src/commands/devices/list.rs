//! `wsfleet devices list`

use aws_sdk_workspacesthinclient::types::Device;

use super::filter::{Filter, FilterArgs, NameFilterArgs};
use crate::api::Pages;
use crate::api::thin_client::devices;
use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, PageSource, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet devices list
  wsfleet devices list --environment a1b2c3d4e --status registered
  wsfleet devices list --name 'lobby-*' -o csv > lobby.csv
  wsfleet devices list --details --compliance not-compliant
  wsfleet devices list --tag team=support
  wsfleet devices list --not-seen-for 30d --status registered
  wsfleet devices list --columns id,serialNumber,lastUserId -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub names: NameFilterArgs,

    /// Only devices that have not reported (lastPostureAt) for this long, or
    /// never (90s, 10m, 2h, 30d, 2w)
    #[arg(long, value_name = "DURATION", value_parser = crate::duration::positive())]
    pub not_seen_for: Option<std::time::Duration>,

    /// Fetch every device's details (GetDevice), --concurrency at a time
    #[arg(long)]
    pub details: bool,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let filter = Filter::new(&args.filters, Some(&args.names))?;
    let writer = ctx.printer.list::<Device>(View::List {
        details: args.details,
    })?;
    let details = args.details || writer.needs_details();
    let unseen_since = args
        .not_seen_for
        .map(|d| crate::commands::report::now() - i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    scope::list(
        ctx,
        Service::ThinClient,
        writer,
        |session| DeviceListing {
            unseen_since,
            ..DeviceListing::new(
                session.thin_client().clone(),
                &filter,
                details,
                args.concurrency.get(),
            )
        },
        "devices",
    )
    .await
}

/// ListDevices page by page, filtered and (when asked) completed with
/// GetDevice, `concurrency` at a time.
struct DeviceListing<'a> {
    pages: Pages<Device>,
    /// The page after the one being completed with GetDevice, asked for
    /// while those calls run so the listing's round trips overlap them.
    prefetched: Option<Result<Option<Vec<Device>>>>,
    client: crate::api::ThinClient,
    filter: &'a Filter,
    details: bool,
    concurrency: usize,
    /// `--not-seen-for`: only devices whose last report is before this
    /// (seconds since the epoch), or that never reported.
    unseen_since: Option<i64>,
}

impl<'a> DeviceListing<'a> {
    fn new(
        client: crate::api::ThinClient,
        filter: &'a Filter,
        details: bool,
        concurrency: usize,
    ) -> Self {
        DeviceListing {
            pages: devices(&client),
            prefetched: None,
            client,
            filter,
            details,
            concurrency,
            unseen_since: None,
        }
    }

    fn keep_unseen(&self, mut page: Vec<Device>) -> Vec<Device> {
        if let Some(cutoff) = self.unseen_since {
            page.retain(|d| unseen_since(d, cutoff));
        }
        page
    }
}

/// The device has not reported since `cutoff` (or ever).
fn unseen_since(device: &Device, cutoff: i64) -> bool {
    device.last_posture_at().is_none_or(|at| at.secs() < cutoff)
}

impl PageSource<Device> for DeviceListing<'_> {
    async fn next_page(&mut self) -> Result<Option<Vec<Device>>> {
        let page = match self.prefetched.take() {
            Some(page) => page?,
            None => self.pages.next_page().await?,
        };
        let Some(page) = page else {
            return Ok(None);
        };
        let completed = self
            .filter
            .apply(&self.client, page, self.details, self.concurrency);
        if !(self.details || self.filter.needs_details()) {
            return Ok(Some(self.keep_unseen(completed.await?)));
        }
        let (page, next) = tokio::join!(completed, self.pages.next_page());
        self.prefetched = Some(next);
        Ok(Some(self.keep_unseen(page?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Format, ListWriter, OutputSettings, Selection};
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
        Filter::new(&FilterArgs::default(), None).unwrap()
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
        let mut writer = ListWriter::new(selection, &settings, &mut out);
        let client = crate::api::Client::new(client.clone(), Default::default());
        let mut listing = DeviceListing::new(client, filter, details, 4);
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
        let filters = FilterArgs {
            status: crate::enum_arg::ApiEnum::parse("registered"),
            ..FilterArgs::default()
        };
        let names = NameFilterArgs {
            name: Some("*-1".to_owned()),
            software_set: None,
        };
        let filter = Filter::new(&filters, Some(&names)).unwrap();
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
