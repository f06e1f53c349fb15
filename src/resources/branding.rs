//! Client branding: one row a directory and platform (DescribeClientBranding's
//! members, under the API's names), and a directory's branded platforms as
//! the plans of `branding import` and `branding delete` show them.

use crate::api::branding::PlatformBranding;
use crate::output::{Column, Resource, columns_get as get};

impl Resource for PlatformBranding {
    const KIND: &'static str = "branding";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<PlatformBranding>] = &[
    Column::new("ResourceId", |b: &PlatformBranding| {
        get::text(Some(&b.resource_id))
    })
    .shown("DIRECTORY"),
    Column::new("Platform", |b: &PlatformBranding| {
        get::text(Some(&b.platform))
    })
    .shown("PLATFORM"),
    Column::new("LogoUrl", |b: &PlatformBranding| {
        get::text(b.logo_url.as_deref())
    })
    .shown("LOGO"),
    Column::new("Logo2xUrl", |b: &PlatformBranding| {
        get::text(b.logo2x_url.as_deref())
    }),
    Column::new("Logo3xUrl", |b: &PlatformBranding| {
        get::text(b.logo3x_url.as_deref())
    }),
    Column::new("SupportEmail", |b: &PlatformBranding| {
        get::text(b.support_email.as_deref())
    })
    .shown("SUPPORT EMAIL"),
    Column::new("SupportLink", |b: &PlatformBranding| {
        get::text(b.support_link.as_deref())
    })
    .shown("SUPPORT LINK"),
    Column::new("ForgotPasswordLink", |b: &PlatformBranding| {
        get::text(b.forgot_password_link.as_deref())
    }),
    Column::new("LoginMessage", |b: &PlatformBranding| {
        get::map(b.login_message.as_ref())
    }),
];

/// A directory named by `branding import` or `delete`, with the platforms it
/// has branding for; `found` is false when the service does not know it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BrandedDirectory {
    pub resource_id: String,
    pub platforms: Vec<String>,
    pub found: bool,
}

impl Resource for BrandedDirectory {
    const KIND: &'static str = "directory";

    fn columns() -> &'static [Column<Self>] {
        DIRECTORY_COLUMNS
    }
}

const DIRECTORY_COLUMNS: &[Column<BrandedDirectory>] = &[
    Column::new("ResourceId", |d: &BrandedDirectory| {
        get::text(Some(&d.resource_id))
    })
    .shown("DIRECTORY"),
    Column::new("Platforms", |d: &BrandedDirectory| {
        if d.found {
            get::list(&d.platforms).or(get::text(Some("none")))
        } else {
            get::text(Some("not found"))
        }
    })
    .shown("BRANDED PLATFORMS"),
];
