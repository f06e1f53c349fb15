//! `wsfleet applications associations`: DescribeApplicationAssociations for
//! an application, or DescribeBundleAssociations for a bundle.

use aws_sdk_workspaces::types::{
    ApplicationAssociatedResourceType, ApplicationResourceAssociation, BundleResourceAssociation,
};

use crate::api::workspaces::{application_associations, bundle_associations};
use crate::commands::workspaces::AssociatedResourceTypeArg;
use crate::commands::workspaces::applications::write_list;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::resources::{ApplicationId, BundleId};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet applications associations wsa-abcd1234
  wsfleet applications associations wsa-abcd1234 --resource-type workspace
  wsfleet applications associations --bundle wsb-b0s22j3d7";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application
    #[arg(
        value_name = "APP_ID",
        required_unless_present = "bundle",
        conflicts_with = "bundle"
    )]
    pub application: Option<ApplicationId>,

    /// With APP_ID: only associations with these resource types (default: all)
    #[arg(long, value_delimiter = ',')]
    pub resource_type: Vec<AssociatedResourceTypeArg>,

    /// The applications associated with this bundle instead
    #[arg(long, value_name = "BUNDLE_ID", conflicts_with = "resource_type")]
    pub bundle: Option<BundleId>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let view = View::List { details: false };
    if let Some(bundle) = &args.bundle {
        let writer = ctx.printer.list::<BundleResourceAssociation>(view)?;
        let client = ctx.workspaces().await?;
        let associations = bundle_associations(&client, bundle).await?;
        return write_list(ctx, writer, &associations, "no applications associated").await;
    }
    let application = args.application.as_deref().unwrap_or_default();
    let writer = ctx.printer.list::<ApplicationResourceAssociation>(view)?;
    let types = if args.resource_type.is_empty() {
        ApplicationAssociatedResourceType::values()
            .iter()
            .map(|t| ApplicationAssociatedResourceType::from(*t))
            .collect()
    } else {
        args.resource_type.iter().map(|t| t.to_sdk()).collect()
    };
    let client = ctx.workspaces().await?;
    let associations = application_associations(&client, application, types).await?;
    write_list(ctx, writer, &associations, "no associations found").await
}
