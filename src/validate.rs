//! Local checks of user input, so a typo is a usage error (exit 2) before any
//! request is sent.

use globset::{GlobBuilder, GlobMatcher};

use crate::error::{AppError, Result};

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
    let shown = crate::output::escape_invisible(&shown);
    if input.chars().count() > 80 {
        format!("{shown}...")
    } else {
        shown
    }
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
            let checks: [fn(&str) -> Result<String>; 3] = [kms_key_arn, region, account_id];
            for check in checks {
                let _ = check(&text);
            }
            let _ = arn(&text, "ARN");
            let _ = resource_name(&text, "device", true);
            let _ = endpoint_url(&text, "--endpoint-url");
            let _ = name_glob(&text);
        }
    }
}

/// An AmazonUuid (a pool session or a Connect add-in): lowercase hex in
/// 8-4-4-4-12 groups. A clap value parser, so a bad one is exit 2.
pub fn amazon_uuid(text: &str) -> std::result::Result<String, String> {
    let groups: Vec<&str> = text.split('-').collect();
    let ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not an ID of this kind: lowercase hex in 8-4-4-4-12 groups",
            printable(text)
        ))
    }
}

#[cfg(test)]
mod uuid_tests {
    use super::amazon_uuid;

    #[test]
    fn amazon_uuids_are_lowercase_hex_in_five_groups() {
        assert!(amazon_uuid("0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69").is_ok());
        assert!(amazon_uuid("0F8B6A2E-5D1C-4C3E-9A7B-1E2D3C4B5A69").is_err());
        assert!(amazon_uuid("not-a-uuid").is_err());
    }
}
