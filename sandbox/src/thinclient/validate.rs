//! Input validation as the service's generated validators do it: every
//! constraint of the Smithy model (patterns, lengths, ranges, enums) checked
//! and all failures reported together in one ValidationException.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::error::{FieldError, TcError};

pub const TARGET_DEVICE_STATUSES: &[&str] = &["DEREGISTERED", "ARCHIVED"];
pub const UPDATE_MODES: &[&str] = &["USE_LATEST", "USE_DESIRED"];
pub const VALIDATION_STATUSES: &[&str] = &["VALIDATED", "NOT_VALIDATED"];
pub const WINDOW_TYPES: &[&str] = &["SYSTEM", "CUSTOM"];
pub const APPLY_TIME_OF: &[&str] = &["UTC", "DEVICE"];
pub const DAYS_OF_WEEK: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

pub fn is_device_id(value: &str) -> bool {
    value.len() == 24 && value.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn is_environment_id(value: &str) -> bool {
    value.len() == 9
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

pub fn is_software_set_id(value: &str) -> bool {
    (1..=9).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
}

/// `^arn:[\w+=\/,.@-]+:[a-zA-Z0-9\-]+:[a-zA-Z0-9\-]*:[0-9]{0,12}:[a-zA-Z0-9\-\/\._]+$`, 20..=2048 long.
pub fn is_arn(value: &str) -> bool {
    if !(20..=2048).contains(&value.len()) {
        return false;
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    *arn == "arn"
        && !partition.is_empty()
        && partition
            .bytes()
            .all(|b| word(b) || b"+=/,.@-".contains(&b))
        && !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && account.len() <= 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !resource.is_empty()
        && resource
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-/._".contains(&b))
}

/// `^arn:[\w+=\/,.@-]+:kms:[a-zA-Z0-9\-]*:[0-9]{0,12}:key\/[a-zA-Z0-9-]+$`
pub fn is_kms_key_arn(value: &str) -> bool {
    if !is_arn(value) {
        return false;
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    parts.get(2) == Some(&"kms")
        && parts.get(5).is_some_and(|resource| {
            resource.strip_prefix("key/").is_some_and(|key| {
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

/// `^(https:\/\/)[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,32}(:[0-9]{1,5})?(\/.*)?$`
pub fn is_desktop_endpoint(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("https://") else {
        return false;
    };
    let (authority, _path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if let Some(port) = port
        && !((1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let Some((_, top_level)) = host.rsplit_once('.') else {
        return false;
    };
    let labels_ok = host.split(['.', '-']).all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    labels_ok
        && (2..=32).contains(&top_level.len())
        && top_level.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || "+:,.@'\" -".contains(c)
}

/// DeviceName: `^$|^[0-9\p{IsAlphabetic}+:,.@'" -]*$`, at most 64 long.
pub fn is_device_name(value: &str) -> bool {
    value.chars().count() <= 64 && value.chars().all(is_name_char)
}

/// EnvironmentName: like a device name, and `=` is allowed after the first character.
pub fn is_environment_name(value: &str) -> bool {
    value.chars().count() <= 64
        && value
            .chars()
            .enumerate()
            .all(|(index, c)| is_name_char(c) || (index > 0 && c == '='))
}

fn is_tag_text(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c))
}

fn is_device_creation_tag_text(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " _=@:.+-/".contains(c))
}

/// Collects the failures of one request's input.
#[derive(Default)]
pub struct Checks {
    failures: Vec<FieldError>,
}

impl Checks {
    pub fn fail(&mut self, name: &str, message: String) {
        self.failures.push(FieldError {
            name: name.to_string(),
            message,
        });
    }

    pub fn pattern(&mut self, name: &str, value: &str, ok: bool, pattern: &str) {
        if !ok {
            self.fail(
                name,
                format!(
                    "Value '{value}' at '{name}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}"
                ),
            );
        }
    }

    pub fn one_of(&mut self, name: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.fail(
                name,
                format!(
                    "Value '{value}' at '{name}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ),
            );
        }
    }

    pub fn range(&mut self, name: &str, value: i64, min: i64, max: i64) {
        if value < min {
            self.fail(
                name,
                format!(
                    "Value '{value}' at '{name}' failed to satisfy constraint: Member must have value greater than or equal to {min}"
                ),
            );
        } else if value > max {
            self.fail(
                name,
                format!(
                    "Value '{value}' at '{name}' failed to satisfy constraint: Member must have value less than or equal to {max}"
                ),
            );
        }
    }

    pub fn length(&mut self, name: &str, value: &str, min: usize, max: usize) {
        let length = value.chars().count();
        if length < min {
            self.fail(
                name,
                format!(
                    "Value at '{name}' failed to satisfy constraint: Member must have length greater than or equal to {min}"
                ),
            );
        } else if length > max {
            self.fail(
                name,
                format!(
                    "Value at '{name}' failed to satisfy constraint: Member must have length less than or equal to {max}"
                ),
            );
        }
    }

    pub fn required(&mut self, name: &str) {
        self.fail(
            name,
            format!("Value null at '{name}' failed to satisfy constraint: Member must not be null"),
        );
    }

    pub fn finish(self) -> Result<(), TcError> {
        if self.failures.is_empty() {
            Ok(())
        } else {
            Err(TcError::fields(self.failures))
        }
    }

    /// A TagsMap: at most 50 tags, keys 1..=128 and values 0..=256 characters,
    /// no `aws:` prefix, the characters AWS tagging allows.
    pub fn tags(&mut self, name: &str, tags: &BTreeMap<String, String>) {
        if tags.len() > 50 {
            self.fail(
                name,
                format!("Value at '{name}' failed to satisfy constraint: Member must have length less than or equal to 50"),
            );
        }
        for (key, value) in tags {
            let key_name = format!("{name}.{key}");
            self.length(&key_name, key, 1, 128);
            self.length(&key_name, value, 0, 256);
            if key.to_ascii_lowercase().starts_with("aws:") {
                self.fail(
                    &key_name,
                    format!(
                        "Tag key '{key}' at '{name}' must not start with the reserved prefix aws:"
                    ),
                );
            }
            self.pattern(
                &key_name,
                key,
                is_tag_text(key),
                r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
            );
            self.pattern(
                &key_name,
                value,
                is_tag_text(value),
                r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
            );
        }
    }

    /// A DeviceCreationTagsMap (its own, stricter, patterns in the model).
    pub fn device_creation_tags(&mut self, name: &str, tags: &BTreeMap<String, String>) {
        if tags.len() > 50 {
            self.fail(
                name,
                format!("Value at '{name}' failed to satisfy constraint: Member must have length less than or equal to 50"),
            );
        }
        for (key, value) in tags {
            let key_name = format!("{name}.{key}");
            self.length(&key_name, key, 1, 128);
            self.length(&key_name, value, 0, 256);
            self.pattern(
                &key_name,
                key,
                !key.starts_with("aws:") && is_device_creation_tag_text(key),
                "^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$",
            );
            self.pattern(
                &key_name,
                value,
                !value.is_empty() && is_device_creation_tag_text(value),
                "^[A-Za-z0-9 _=@:.+-/]+$",
            );
        }
    }
}

/// Reads a JSON request body's members with their types checked: a member of
/// the wrong JSON type fails like an unparseable body does.
pub struct Body {
    members: Map<String, Value>,
}

impl Body {
    pub fn parse(bytes: &[u8]) -> Result<Self, TcError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body {
                members: Map::new(),
            });
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(members)) => Ok(Body { members }),
            Ok(_) => Err(cannot_parse("the request body must be a JSON object")),
            Err(error) => Err(cannot_parse(&format!(
                "the request body is not valid JSON: {error}"
            ))),
        }
    }

    pub fn string(&self, name: &str) -> Result<Option<String>, TcError> {
        match self.members.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(value)) => Ok(Some(value.clone())),
            Some(_) => Err(cannot_parse(&format!("'{name}' must be a string"))),
        }
    }

    pub fn object(&self, name: &str) -> Result<Option<&Map<String, Value>>, TcError> {
        match self.members.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(value)) => Ok(Some(value)),
            Some(_) => Err(cannot_parse(&format!("'{name}' must be an object"))),
        }
    }

    pub fn string_map(&self, name: &str) -> Result<Option<BTreeMap<String, String>>, TcError> {
        let Some(object) = self.object(name)? else {
            return Ok(None);
        };
        object
            .iter()
            .map(|(key, value)| match value {
                Value::String(text) => Ok((key.clone(), text.clone())),
                _ => Err(cannot_parse(&format!(
                    "the values of '{name}' must be strings"
                ))),
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// The members other than `clientToken`, as canonical JSON: what an
    /// idempotent retry must repeat exactly.
    pub fn fingerprint(&self) -> String {
        let mut members = self.members.clone();
        members.remove("clientToken");
        Value::Object(members).to_string()
    }
}

pub fn cannot_parse(message: &str) -> TcError {
    TcError::validation(super::error::REASON_CANNOT_PARSE, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_model_patterns() {
        assert!(is_device_id("AbCdEfGhIjKlMnOpQrStUv12"));
        assert!(!is_device_id("AbCdEfGhIjKlMnOpQrStUv1"));
        assert!(!is_device_id("AbCdEfGhIjKlMnOpQrStUv1-"));
        assert!(is_environment_id("abc123xyz"));
        assert!(!is_environment_id("ABC123XYZ"));
        assert!(is_software_set_id("123456"));
        assert!(!is_software_set_id("1234567890"));
        assert!(!is_software_set_id(""));
    }

    #[test]
    fn arns_follow_the_model_patterns() {
        assert!(is_arn(
            "arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890"
        ));
        assert!(is_arn(
            "arn:aws:thinclient:us-east-1:123456789012:device/AbCdEfGhIjKlMnOpQrStUv12"
        ));
        assert!(!is_arn("arn:aws:workspaces:us-east-1:123456789012:"));
        assert!(!is_arn("not-an-arn-but-long-enough"));
        assert!(!is_arn(
            "arn:aws:workspaces:us-east-1:1234567890123:directory/d-1"
        ));
        assert!(is_kms_key_arn(
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        ));
        assert!(!is_kms_key_arn(
            "arn:aws:kms:us-east-1:123456789012:alias/mine"
        ));
    }

    #[test]
    fn desktop_endpoints_and_names() {
        assert!(is_desktop_endpoint("https://idp.example.com/saml"));
        assert!(is_desktop_endpoint("https://login.example-corp.co:8443"));
        assert!(!is_desktop_endpoint("http://idp.example.com"));
        assert!(!is_desktop_endpoint("https://localhost"));
        assert!(!is_desktop_endpoint("https://Upper.example.com"));
        assert!(is_device_name("Lobby kiosk 3, Dublin"));
        assert!(!is_device_name("semi;colon"));
        assert!(!is_device_name(&"x".repeat(65)));
        assert!(is_environment_name("Team=A"));
        assert!(!is_environment_name("=Team"));
    }

    #[test]
    fn checks_collect_every_failure() {
        let mut checks = Checks::default();
        checks.range("maintenanceWindow.startTimeHour", 24, 0, 23);
        checks.one_of(
            "softwareSetUpdateSchedule",
            "SOMETIMES",
            crate::thinclient::model::UpdateSchedule::ALL,
        );
        let Err(TcError::Validation { fields, .. }) = checks.finish() else {
            panic!("expected a validation error");
        };
        let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "maintenanceWindow.startTimeHour",
                "softwareSetUpdateSchedule"
            ]
        );
    }
}
