//! `wsfleet devices list`

use aws_sdk_workspacesthinclient::types::Device;
use globset::GlobMatcher;

use super::{ComplianceArg, DeviceStatusArg};
use crate::api::thin_client::{DevicePages, with_details};
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};
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
        self.compliance.is_none_or(|c| {
            device.software_set_compliance_status().map(|s| s.as_str()) == Some(c)
        })
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

    let client = ctx.thin_client().await?;
    let mut pages = DevicePages::new(client.clone());
    let mut writer = ListWriter::new(&selection, &ctx.output, ctx.stdout())?;
    while let Some(page) = pages.next_page().await? {
        let mut page: Vec<Device> = page
            .into_iter()
            .filter(|d| filter.matches_summary(d))
            .collect();
        if details {
            page = with_details(&client, page, ctx.concurrency).await?;
        }
        for device in page.iter().filter(|d| filter.matches_details(d)) {
            writer.write(device)?;
        }
        writer.flush()?;
    }
    if writer.finish()? == 0 && ctx.output.format == Format::Table {
        ctx.note("no devices found");
    }
    Ok(())
}
