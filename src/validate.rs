//! Local checks of user input, so a typo is a usage error (exit 2) before any
//! request is sent.

use globset::{GlobBuilder, GlobMatcher};

use crate::error::{AppError, Result};

/// A Thin Client device ID: 24 letters and digits.
pub fn device_id(id: &str) -> Result<String> {
    let ok = id.len() == 24 && id.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(id.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid device ID '{}': expected 24 letters and digits",
            printable(id)
        )))
    }
}

/// `--name` patterns: `*` and `?` globs, matched regardless of case.
pub fn name_glob(pattern: &str) -> Result<GlobMatcher> {
    GlobBuilder::new(pattern)
        .case_insensitive(true)
        .literal_separator(false)
        .build()
        .map(|glob| glob.compile_matcher())
        .map_err(|e| AppError::usage(format!("invalid --name pattern '{pattern}': {}", e.kind())))
}

/// Echoing bad input back must not echo control sequences into the terminal.
pub fn printable(input: &str) -> String {
    let shown: String = input
        .chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if input.chars().count() > 80 {
        format!("{shown}...")
    } else {
        shown
    }
}

/// A WorkSpaces identifier: `prefix` then `min`..=63 characters that `allowed` accepts,
/// as the WorkSpaces API model's patterns say (`^ws-[0-9a-z]{8,63}$`).
fn workspaces_id(id: &str, prefix: &str, min: usize, allowed: fn(u8) -> bool) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| (min..=63).contains(&rest.len()) && rest.bytes().all(allowed))
}

fn lowercase_alphanumeric(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_lowercase()
}

fn lowercase_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

fn checked_id(id: &str, ok: bool, what: &str, expected: &str) -> Result<String> {
    if ok {
        Ok(id.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid {what} '{}': expected {expected}",
            printable(id)
        )))
    }
}

/// A WorkSpace ID: `ws-` and 8 to 63 lowercase letters or digits.
pub fn workspace_id(id: &str) -> Result<String> {
    let ok = workspaces_id(id, "ws-", 8, lowercase_alphanumeric);
    checked_id(
        id,
        ok,
        "WorkSpace ID",
        "ws- and 8 to 63 lowercase letters or digits",
    )
}

/// A directory ID: `d-` and 8 to 63 hex digits, or `wsd-` and 8 to 63
/// lowercase letters or digits.
pub fn directory_id(id: &str) -> Result<String> {
    let ok = workspaces_id(id, "d-", 8, lowercase_hex)
        || workspaces_id(id, "wsd-", 8, lowercase_alphanumeric);
    checked_id(
        id,
        ok,
        "directory ID",
        "d- and 8 to 63 hex digits, or wsd- and 8 to 63 lowercase letters or digits",
    )
}

/// A bundle ID: `wsb-` and 8 to 63 lowercase letters or digits.
pub fn bundle_id(id: &str) -> Result<String> {
    let ok = workspaces_id(id, "wsb-", 8, lowercase_alphanumeric);
    checked_id(
        id,
        ok,
        "bundle ID",
        "wsb- and 8 to 63 lowercase letters or digits",
    )
}

/// An image ID: `wsi-` and 9 to 63 lowercase letters or digits.
pub fn image_id(id: &str) -> Result<String> {
    let ok = workspaces_id(id, "wsi-", 9, lowercase_alphanumeric);
    checked_id(
        id,
        ok,
        "image ID",
        "wsi- and 9 to 63 lowercase letters or digits",
    )
}

/// A WorkSpaces application ID: `wsa-` and 8 to 63 lowercase letters or digits.
pub fn application_id(id: &str) -> Result<String> {
    let ok = workspaces_id(id, "wsa-", 8, lowercase_alphanumeric);
    checked_id(
        id,
        ok,
        "application ID",
        "wsa- and 8 to 63 lowercase letters or digits",
    )
}

/// A Thin Client environment ID: nine lowercase letters and digits.
pub fn environment_id(id: &str) -> Result<String> {
    let ok = id.len() == 9 && id.bytes().all(lowercase_alphanumeric);
    checked_id(id, ok, "environment ID", "9 lowercase letters and digits")
}

/// A Thin Client software set ID: one to nine digits.
pub fn software_set_id(id: &str) -> Result<String> {
    let ok = (1..=9).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit());
    checked_id(id, ok, "software set ID", "1 to 9 digits")
}

/// An ARN as the Thin Client model's pattern has it:
/// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, 20 to 2048 characters.
pub fn arn(value: &str, what: &str) -> Result<String> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let ok = (20..=2048).contains(&value.len())
        && match parts.as_slice() {
            [prefix, partition, service, region, account, resource] => {
                *prefix == "arn"
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
            _ => false,
        };
    if ok {
        Ok(value.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid {what} '{}': expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE",
            printable(value)
        )))
    }
}

/// A KMS key ARN (`arn:...:kms:REGION:ACCOUNT:key/KEY_ID`), as the model requires.
pub fn kms_key_arn(value: &str) -> Result<String> {
    let value = arn(value, "--kms-key-arn")?;
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let key_ok = parts.get(2) == Some(&"kms")
        && parts.get(5).is_some_and(|resource| {
            resource.strip_prefix("key/").is_some_and(|key| {
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        });
    if key_ok {
        Ok(value)
    } else {
        Err(AppError::usage(format!(
            "invalid --kms-key-arn '{}': expected arn:aws:kms:REGION:ACCOUNT:key/KEY_ID",
            printable(&value)
        )))
    }
}

/// A device or environment name as the model allows it: up to 64 letters,
/// digits, spaces and `+ : , . @ ' " -` (environments also take `=` after
/// the first character).
pub fn resource_name(name: &str, what: &str, equals_allowed: bool) -> Result<String> {
    let allowed = |(i, c): (usize, char)| {
        c.is_alphabetic()
            || c.is_ascii_digit()
            || "+:,.@'\" -".contains(c)
            || (equals_allowed && i > 0 && c == '=')
    };
    if name.chars().count() > 64 {
        return Err(AppError::usage(format!(
            "invalid {what} name '{}': longer than 64 characters",
            printable(name)
        )));
    }
    match name.chars().enumerate().find(|&ic| !allowed(ic)) {
        None => Ok(name.to_owned()),
        Some((_, c)) => Err(AppError::usage(format!(
            "invalid {what} name '{}': '{}' is not allowed (letters, digits, spaces and + : , . @ ' \" -)",
            printable(name),
            printable(&c.to_string())
        ))),
    }
}

/// An AWS region as the SDK's endpoint rules accept it: a host label of
/// letters, digits and hyphens (`us-east-1`), checked here so a typo is a
/// usage error rather than a failed request.
pub fn region(region: &str) -> Result<String> {
    let ok = (1..=63).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-');
    checked_id(
        region,
        ok,
        "region",
        "letters, digits and hyphens, e.g. us-east-1",
    )
}

/// An AWS account ID: 12 digits.
pub fn account_id(account: &str) -> Result<String> {
    let ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    checked_id(account, ok, "account", "12 digits")
}

/// An endpoint URL (`--endpoint-url`, `AWS_ENDPOINT_URL...`): `http` or
/// `https`, a host, optionally a port and a path.
pub fn endpoint_url(url: &str, source: &str) -> Result<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host_ok = |authority: &str| {
        // `[::1]:4566`: the brackets hold the colons of an IPv6 address.
        let (host, port) = match authority.strip_prefix('[') {
            Some(bracketed) => match bracketed.split_once(']') {
                Some((address, "")) => (address, None),
                Some((address, port)) => (address, Some(port.strip_prefix(':').unwrap_or(port))),
                None => ("", None),
            },
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-_:".contains(&b))
            && port.is_none_or(|p| p.parse::<u16>().is_ok())
    };
    let ok = rest.is_some_and(|rest| {
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        host_ok(authority) && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if ok {
        Ok(url.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid {source} '{}': expected http(s)://HOST[:PORT], e.g. http://127.0.0.1:4566",
            printable(url)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_ids_are_checked_locally() {
        assert!(device_id("abcdefghijklmnopqrstuvwx").is_ok());
        for bad in [
            "",
            "short",
            "abcdefghijklmnopqrstuvw!",
            "abcdefghijklmnopqrstuvwxy",
        ] {
            let err = device_id(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains("invalid device ID"), "{err}");
        }
    }

    #[test]
    fn globs_match_names_regardless_of_case() {
        let glob = name_glob("lobby-*").unwrap();
        assert!(glob.is_match("Lobby-01"));
        assert!(!glob.is_match("office-01"));
        assert!(name_glob("[unclosed").is_err());
    }

    #[test]
    fn control_characters_are_not_echoed() {
        assert_eq!(printable("a\u{1b}[31mb"), "a?[31mb");
    }

    #[test]
    fn workspaces_ids_follow_the_api_patterns() {
        assert!(workspace_id("ws-abc12345").is_ok());
        assert!(directory_id("d-90670b1234").is_ok());
        assert!(directory_id("wsd-abcdefgh1").is_ok());
        assert!(bundle_id("wsb-b0s22j3d7").is_ok());
        assert!(image_id("wsi-abcdefgh1").is_ok());
        assert!(application_id("wsa-abcd1234").is_ok());
        for (check, bad) in [
            (workspace_id as fn(&str) -> Result<String>, "ws-ABC12345"),
            (workspace_id, "ws-abc1234"),
            (workspace_id, "wsb-abc12345"),
            (directory_id, "d-xyzxyzxyz"),
            (bundle_id, "wsb-short"),
            (image_id, "wsi-abcdefgh"),
            (application_id, "wsa-abcd123!"),
        ] {
            let err = check(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains("invalid"), "{err}");
        }
    }

    #[test]
    fn environment_and_software_set_ids_are_checked_locally() {
        assert!(environment_id("abc123xyz").is_ok());
        for bad in ["ABC123XYZ", "abc123xy", "abc123xyz0", "abc-23xyz"] {
            assert_eq!(environment_id(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        assert!(software_set_id("123456").is_ok());
        for bad in ["", "1234567890", "12a"] {
            assert_eq!(software_set_id(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn arns_follow_the_model_pattern() {
        assert!(
            arn(
                "arn:aws:thinclient:us-east-1:123456789012:device/abc",
                "ARN"
            )
            .is_ok()
        );
        assert!(
            arn(
                "arn:aws:workspaces:us-east-1:123456789012:directory/d-12",
                "ARN"
            )
            .is_ok()
        );
        for bad in [
            "arn:aws:thinclient:us-east-1:123456789012:",
            "not-an-arn-but-long-enough",
            "arn:aws:x:us-east-1:1234567890123:device/a",
        ] {
            let err = arn(bad, "--desktop-arn").unwrap_err();
            assert!(err.to_string().contains("--desktop-arn"), "{err}");
        }
        assert!(kms_key_arn("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab").is_ok());
        assert!(kms_key_arn("arn:aws:kms:us-east-1:123456789012:alias/mine").is_err());
    }

    #[test]
    fn names_follow_the_model() {
        assert!(resource_name("Lobby kiosk 3, Dublin", "device", false).is_ok());
        assert!(resource_name("semi;colon", "device", false).is_err());
        assert!(resource_name(&"x".repeat(65), "device", false).is_err());
        assert!(resource_name("Team=A", "environment", true).is_ok());
        assert!(resource_name("=Team", "environment", true).is_err());
        assert!(resource_name("Team=A", "device", false).is_err());
    }

    #[test]
    fn regions_and_endpoint_urls_are_checked_locally() {
        assert!(region("us-east-1").is_ok());
        for bad in ["", "bad region!", "-us", "us_east_1"] {
            assert_eq!(region(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        for good in [
            "http://127.0.0.1:4566",
            "https://workspaces.us-east-1.amazonaws.com",
            "http://localhost:8080/prefix",
            "http://[::1]:4566",
        ] {
            assert!(endpoint_url(good, "--endpoint-url").is_ok(), "{good}");
        }
        for bad in [
            "notaurl",
            "ftp://x",
            "http://",
            "http://a b",
            "http://h:99999",
        ] {
            let err = endpoint_url(bad, "AWS_ENDPOINT_URL").unwrap_err();
            assert!(err.to_string().contains("AWS_ENDPOINT_URL"), "{err}");
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*") {
            let checks: [fn(&str) -> Result<String>; 10] = [
                device_id, workspace_id, directory_id, bundle_id, image_id,
                application_id, environment_id, software_set_id, kms_key_arn, region,
            ];
            for check in checks {
                let _ = check(&text);
            }
            let _ = arn(&text, "ARN");
            let _ = resource_name(&text, "device", true);
            let _ = endpoint_url(&text, "--endpoint-url");
            let _ = name_glob(&text);
        }

        #[test]
        fn valid_ids_are_accepted_unchanged(
            device in "[A-Za-z0-9]{24}",
            workspace in "ws-[a-z0-9]{8,63}",
            directory in "d-[0-9a-f]{8,63}",
            image in "wsi-[a-z0-9]{9,63}",
            environment in "[a-z0-9]{9}",
            software_set in "[0-9]{1,9}",
        ) {
            prop_assert_eq!(device_id(&device).unwrap(), device);
            prop_assert_eq!(workspace_id(&workspace).unwrap(), workspace);
            prop_assert_eq!(directory_id(&directory).unwrap(), directory);
            prop_assert_eq!(image_id(&image).unwrap(), image);
            prop_assert_eq!(environment_id(&environment).unwrap(), environment);
            prop_assert_eq!(software_set_id(&software_set).unwrap(), software_set);
        }
    }
}
