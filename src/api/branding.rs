//! Client branding: the WorkSpaces clients' login screen (logo, support
//! address or link, password reset link, login message) per directory and
//! platform. The API answers one member per platform; wsfleet reads them as
//! one [`PlatformBranding`] each.

use std::collections::HashMap;

use aws_sdk_workspaces::types::{
    ClientDeviceType, DefaultClientBrandingAttributes, DefaultImportClientBrandingAttributes,
    IosClientBrandingAttributes, IosImportClientBrandingAttributes,
};
use aws_smithy_types::Blob;

use super::WorkspacesClient as Client;
use crate::error::Result;

/// One directory's branding for one platform.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlatformBranding {
    pub resource_id: String,
    /// The API's ClientDeviceType (`DeviceTypeWindows`).
    pub platform: String,
    pub logo_url: Option<String>,
    /// iOS only.
    pub logo2x_url: Option<String>,
    /// iOS only.
    pub logo3x_url: Option<String>,
    pub support_email: Option<String>,
    pub support_link: Option<String>,
    pub forgot_password_link: Option<String>,
    pub login_message: Option<HashMap<String, String>>,
}

impl PlatformBranding {
    fn of_default(
        resource_id: &str,
        platform: ClientDeviceType,
        attributes: DefaultClientBrandingAttributes,
    ) -> Self {
        PlatformBranding {
            resource_id: resource_id.to_owned(),
            platform: platform.as_str().to_owned(),
            logo_url: attributes.logo_url,
            support_email: attributes.support_email,
            support_link: attributes.support_link,
            forgot_password_link: attributes.forgot_password_link,
            login_message: attributes.login_message,
            ..PlatformBranding::default()
        }
    }

    fn of_ios(resource_id: &str, attributes: IosClientBrandingAttributes) -> Self {
        PlatformBranding {
            resource_id: resource_id.to_owned(),
            platform: ClientDeviceType::DeviceTypeIos.as_str().to_owned(),
            logo_url: attributes.logo_url,
            logo2x_url: attributes.logo2x_url,
            logo3x_url: attributes.logo3x_url,
            support_email: attributes.support_email,
            support_link: attributes.support_link,
            forgot_password_link: attributes.forgot_password_link,
            login_message: attributes.login_message,
        }
    }
}

/// The per-platform members of DescribeClientBranding's and
/// ImportClientBranding's answers, in the API's order.
struct PlatformMembers {
    windows: Option<DefaultClientBrandingAttributes>,
    osx: Option<DefaultClientBrandingAttributes>,
    android: Option<DefaultClientBrandingAttributes>,
    ios: Option<IosClientBrandingAttributes>,
    linux: Option<DefaultClientBrandingAttributes>,
    web: Option<DefaultClientBrandingAttributes>,
}

/// The per-platform members of an answer (DescribeClientBranding's and
/// ImportClientBranding's have the same members but not the same type).
macro_rules! platform_members {
    ($output:expr) => {
        PlatformMembers {
            windows: $output.device_type_windows,
            osx: $output.device_type_osx,
            android: $output.device_type_android,
            ios: $output.device_type_ios,
            linux: $output.device_type_linux,
            web: $output.device_type_web,
        }
    };
}

impl PlatformMembers {
    fn into_rows(self, resource_id: &str) -> Vec<PlatformBranding> {
        let defaults = |platform: ClientDeviceType, attributes| {
            Option::map(attributes, |a| {
                PlatformBranding::of_default(resource_id, platform, a)
            })
        };
        [
            defaults(ClientDeviceType::DeviceTypeWindows, self.windows),
            defaults(ClientDeviceType::DeviceTypeOsx, self.osx),
            defaults(ClientDeviceType::DeviceTypeAndroid, self.android),
            self.ios.map(|a| PlatformBranding::of_ios(resource_id, a)),
            defaults(ClientDeviceType::DeviceTypeLinux, self.linux),
            defaults(ClientDeviceType::DeviceTypeWeb, self.web),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// DescribeClientBranding: the directory's branding, one row a branded platform.
pub async fn describe_branding(
    client: &Client,
    directory_id: &str,
) -> Result<Vec<PlatformBranding>> {
    let output = client
        .describe_client_branding()
        .resource_id(directory_id)
        .send()
        .await
        .map_err(|e| client.error("DescribeClientBranding", e))?;
    Ok(platform_members!(output).into_rows(directory_id))
}

/// What ImportClientBranding sets on each platform it names; logos are the
/// PNG files' bytes.
#[derive(Debug, Clone, Default)]
pub struct BrandingImport {
    pub logo: Option<Vec<u8>>,
    /// iOS only.
    pub logo2x: Option<Vec<u8>>,
    /// iOS only.
    pub logo3x: Option<Vec<u8>>,
    pub support_email: Option<String>,
    pub support_link: Option<String>,
    pub forgot_password_link: Option<String>,
    pub login_message: Option<HashMap<String, String>>,
}

impl BrandingImport {
    fn default_attributes(&self) -> DefaultImportClientBrandingAttributes {
        DefaultImportClientBrandingAttributes::builder()
            .set_logo(self.logo.clone().map(Blob::new))
            .set_support_email(self.support_email.clone())
            .set_support_link(self.support_link.clone())
            .set_forgot_password_link(self.forgot_password_link.clone())
            .set_login_message(self.login_message.clone())
            .build()
    }

    fn ios_attributes(&self) -> IosImportClientBrandingAttributes {
        IosImportClientBrandingAttributes::builder()
            .set_logo(self.logo.clone().map(Blob::new))
            .set_logo2x(self.logo2x.clone().map(Blob::new))
            .set_logo3x(self.logo3x.clone().map(Blob::new))
            .set_support_email(self.support_email.clone())
            .set_support_link(self.support_link.clone())
            .set_forgot_password_link(self.forgot_password_link.clone())
            .set_login_message(self.login_message.clone())
            .build()
    }
}

/// ImportClientBranding: `import` on each of `platforms` of the directory;
/// answers the branding as imported.
pub async fn import_branding(
    client: &Client,
    directory_id: &str,
    platforms: &[ClientDeviceType],
    import: &BrandingImport,
) -> Result<Vec<PlatformBranding>> {
    let on = |platform: ClientDeviceType| {
        platforms
            .contains(&platform)
            .then(|| import.default_attributes())
    };
    let output = client
        .import_client_branding()
        .resource_id(directory_id)
        .set_device_type_windows(on(ClientDeviceType::DeviceTypeWindows))
        .set_device_type_osx(on(ClientDeviceType::DeviceTypeOsx))
        .set_device_type_android(on(ClientDeviceType::DeviceTypeAndroid))
        .set_device_type_ios(
            platforms
                .contains(&ClientDeviceType::DeviceTypeIos)
                .then(|| import.ios_attributes()),
        )
        .set_device_type_linux(on(ClientDeviceType::DeviceTypeLinux))
        .set_device_type_web(on(ClientDeviceType::DeviceTypeWeb))
        .send()
        .await
        .map_err(|e| client.error("ImportClientBranding", e))?;
    Ok(platform_members!(output).into_rows(directory_id))
}

/// DeleteClientBranding of `platforms` of the directory.
pub async fn delete_branding(
    client: &Client,
    directory_id: &str,
    platforms: &[ClientDeviceType],
) -> Result<()> {
    client
        .delete_client_branding()
        .resource_id(directory_id)
        .set_platforms(Some(platforms.to_vec()))
        .send()
        .await
        .map(drop)
        .map_err(|e| client.error("DeleteClientBranding", e))
}
