//! Client branding: what the WorkSpaces clients show on their login screen,
//! kept per directory and per platform (ClientDeviceType).
//!
//! ImportClientBranding replaces the branding of each platform it names;
//! logos arrive as PNG files (base64 on the wire) within the model's sizes
//! and are answered as URLs; SupportEmail and SupportLink exclude each
//! other; the only login message locale is en_US; one request carries at
//! most 6 MB of logos. DeleteClientBranding removes the platforms it names.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::error::WsError;
use super::input::{
    DIRECTORY_ID, Input, check_count, check_enums, check_length, constraint_failure,
};
use super::paging::to_json;
use super::{Clock, WorkspacesState};

/// ClientDeviceType, in the model's order.
const PLATFORMS: [&str; 6] = [
    "DeviceTypeWindows",
    "DeviceTypeOsx",
    "DeviceTypeAndroid",
    "DeviceTypeIos",
    "DeviceTypeLinux",
    "DeviceTypeWeb",
];
const IOS: &str = "DeviceTypeIos";

/// What one request may carry, logos included (the API reference's limit).
const REQUEST_LOGO_BYTES: usize = 6_000_000;

/// The first bytes of every PNG file.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// One platform's branding, as DescribeClientBranding answers it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    logo2x_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    logo3x_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    forgot_password_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    login_message: Option<BTreeMap<String, String>>,
}

/// Directory ID → platform → its branding.
pub type Brandings = BTreeMap<String, BTreeMap<String, Attributes>>;

/// The logo members of a platform: the member, its model shape's largest
/// size, and the answer's URL member.
fn logo_members(platform: &str) -> &'static [(&'static str, usize, &'static str)] {
    if platform == IOS {
        &[
            ("Logo", 447_000, "logo.png"),
            ("Logo2x", 1_770_000, "logo@2x.png"),
            ("Logo3x", 1_770_000, "logo@3x.png"),
        ]
    } else {
        &[("Logo", 1_500_000, "logo.png")]
    }
}

/// ClientUrl: `^(http|https)\://\S+`, 1 to 200 characters.
fn check_url(path: &str, value: &str) -> Result<(), WsError> {
    check_length(path, value, 1, 200)?;
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    if rest.is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace)) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^(http|https)\\://\\S+",
        ))
    }
}

/// ClientEmail: `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,4}$`, 6 to 64.
fn check_email(path: &str, value: &str) -> Result<(), WsError> {
    check_length(path, value, 6, 64)?;
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        let local_ok = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
        let domain_ok = domain.rsplit_once('.').is_some_and(|(host, top)| {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                && (2..=4).contains(&top.len())
                && top.chars().all(|c| c.is_ascii_alphabetic())
        });
        local_ok && domain_ok
    });
    if ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,4}$",
        ))
    }
}

/// LoginMessage: ClientLocale keys (`^[a-z]{2}_[A-Z]{2}$`), messages of up
/// to 2000 characters; the service supports only en_US.
fn login_message(input: &Input) -> Result<Option<BTreeMap<String, String>>, WsError> {
    let Some(messages) = input.object("LoginMessage")? else {
        return Ok(None);
    };
    let path = input.path_of("LoginMessage");
    let mut read = BTreeMap::new();
    for (locale, message) in messages.raw().into_iter().flatten() {
        let locale_ok = locale.len() == 5
            && locale[..2].bytes().all(|b| b.is_ascii_lowercase())
            && &locale[2..3] == "_"
            && locale[3..].bytes().all(|b| b.is_ascii_uppercase());
        if !locale_ok {
            return Err(constraint_failure(
                &format!("{path}.key"),
                locale,
                "Member must satisfy regular expression pattern: ^[a-z]{2}_[A-Z]{2}$",
            ));
        }
        let Value::String(message) = message else {
            return Err(WsError::serialization(format!(
                "member '{path}.{locale}' must be a string"
            )));
        };
        check_length(&format!("{path}.{locale}"), message, 0, 2000)?;
        if locale != "en_US" {
            return Err(WsError::invalid_parameter(format!(
                "The login message locale {locale} is not supported; the only one supported is en_US."
            )));
        }
        read.insert(locale.clone(), message.clone());
    }
    Ok(Some(read))
}

/// Where the service would serve a logo from.
fn logo_url(directory_id: &str, platform: &str, file: &str) -> String {
    format!("https://workspaces-client-branding.s3.amazonaws.com/{directory_id}/{platform}/{file}")
}

/// One platform's attributes of an ImportClientBranding request, checked;
/// answers them with how many logo bytes they carried.
fn import_attributes(
    directory_id: &str,
    platform: &str,
    input: &Input,
) -> Result<(Attributes, usize), WsError> {
    let mut attributes = Attributes::default();
    let mut logo_bytes = 0;
    for &(member, max, file) in logo_members(platform) {
        let Some(encoded) = input.str(member)? else {
            continue;
        };
        let path = input.path_of(member);
        let logo = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| WsError::serialization(format!("member '{path}' is not base64")))?;
        if !(1..=max).contains(&logo.len()) {
            return Err(WsError::validation(format!(
                "1 validation error detected: Value at '{path}' failed to satisfy constraint: Member must have length between 1 and {max}, inclusive"
            )));
        }
        if !logo.starts_with(PNG_SIGNATURE) {
            return Err(WsError::invalid_parameter(format!(
                "The {member} of {platform} is not a PNG file; the only image format accepted is .png."
            )));
        }
        logo_bytes += logo.len();
        let url = Some(logo_url(directory_id, platform, file));
        match member {
            "Logo2x" => attributes.logo2x_url = url,
            "Logo3x" => attributes.logo3x_url = url,
            _ => attributes.logo_url = url,
        }
    }
    attributes.support_email = input.str("SupportEmail")?.map(str::to_owned);
    if let Some(email) = &attributes.support_email {
        check_email(&input.path_of("SupportEmail"), email)?;
    }
    for (member, slot) in [
        ("SupportLink", &mut attributes.support_link),
        ("ForgotPasswordLink", &mut attributes.forgot_password_link),
    ] {
        if let Some(url) = input.str(member)? {
            check_url(&input.path_of(member), url)?;
            *slot = Some(url.to_owned());
        }
    }
    if attributes.support_email.is_some() && attributes.support_link.is_some() {
        return Err(WsError::invalid_parameter(format!(
            "SupportEmail and SupportLink are mutually exclusive; {platform} names both."
        )));
    }
    attributes.login_message = login_message(input)?;
    Ok((attributes, logo_bytes))
}

impl WorkspacesState {
    /// The directory `ResourceId` names, checked and found.
    fn branded_directory<'a>(&self, input: &Input<'a>) -> Result<&'a str, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        check_length(&input.path_of("ResourceId"), directory_id, 10, 65)?;
        if self.directories.contains_key(directory_id) {
            Ok(directory_id)
        } else {
            Err(WsError::not_found(format!(
                "The directory {directory_id} could not be found."
            )))
        }
    }

    fn branding_answer(&self, directory_id: &str, platforms: &[&str]) -> Result<Value, WsError> {
        let mut answer = Map::new();
        if let Some(branded) = self.branding.get(directory_id) {
            for (platform, attributes) in branded {
                if platforms.contains(&platform.as_str()) {
                    answer.insert(platform.clone(), to_json(attributes)?);
                }
            }
        }
        Ok(Value::Object(answer))
    }

    pub(super) fn describe_client_branding(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = self.branded_directory(input)?;
        self.branding_answer(directory_id, &PLATFORMS)
    }

    pub(super) fn import_client_branding(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = self.branded_directory(input)?;
        let mut imported = Vec::new();
        let mut logo_bytes = 0;
        for platform in PLATFORMS {
            let Some(attributes) = input.object(platform)? else {
                continue;
            };
            let (attributes, bytes) = import_attributes(directory_id, platform, &attributes)?;
            logo_bytes += bytes;
            imported.push((platform, attributes));
        }
        if imported.is_empty() {
            return Err(WsError::invalid_parameter(
                "Specify at least one platform type to import client branding for.",
            ));
        }
        if logo_bytes > REQUEST_LOGO_BYTES {
            return Err(WsError::invalid_parameter(format!(
                "The request carries {logo_bytes} bytes of logos; one request may import up to 6 MB."
            )));
        }
        let platforms: Vec<&str> = imported.iter().map(|(platform, _)| *platform).collect();
        let branded = self.branding.entry(directory_id.to_owned()).or_default();
        for (platform, attributes) in imported {
            branded.insert(platform.to_owned(), attributes);
        }
        self.branding_answer(directory_id, &platforms)
    }

    pub(super) fn delete_client_branding(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let platforms = input
            .strings("Platforms")?
            .ok_or_else(|| super::input::missing(&input.path_of("Platforms")))?;
        let path = input.path_of("Platforms");
        check_count(&path, platforms.len(), 1, 6)?;
        check_enums(&path, &platforms, &PLATFORMS)?;
        let directory_id = self.branded_directory(input)?;
        if let Some(branded) = self.branding.get_mut(directory_id) {
            for platform in platforms {
                branded.remove(platform);
            }
            if branded.is_empty() {
                self.branding.remove(directory_id);
            }
        }
        Ok(json!({}))
    }
}

/// The first directory branded for Windows and the web: a support address,
/// a password reset link, a login message and a logo.
pub(super) fn seed_branding(state: &mut WorkspacesState) {
    let Some(directory_id) = state.directories.keys().next().cloned() else {
        return;
    };
    let mut branded = BTreeMap::new();
    for platform in ["DeviceTypeWindows", "DeviceTypeWeb"] {
        let attributes = Attributes {
            logo_url: Some(logo_url(&directory_id, platform, "logo.png")),
            support_email: Some("it-help@example.com".to_owned()),
            forgot_password_link: Some("https://sso.example.com/reset".to_owned()),
            login_message: Some(BTreeMap::from([(
                "en_US".to_owned(),
                "Authorised use only.".to_owned(),
            )])),
            ..Attributes::default()
        };
        branded.insert(platform.to_owned(), attributes);
    }
    state.branding.insert(directory_id, branded);
}
