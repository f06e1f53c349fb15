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

/// `--tag Key=Value` for WorkSpaces (key 1-127 characters, value up to 255).
pub fn workspaces_tag(text: &str) -> Result<(String, String)> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(AppError::usage(format!(
            "invalid tag '{}': expected Key=Value",
            printable(text)
        )));
    };
    let key = key.trim();
    if key.is_empty() || key.chars().count() > 127 || value.chars().count() > 255 {
        return Err(AppError::usage(format!(
            "invalid tag '{}': the key must be 1 to 127 characters and the value at most 255",
            printable(text)
        )));
    }
    Ok((key.to_owned(), value.to_owned()))
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
    fn workspaces_tags_need_a_key_and_an_equals_sign() {
        assert_eq!(
            workspaces_tag("team=a=b").unwrap(),
            ("team".to_owned(), "a=b".to_owned())
        );
        assert_eq!(workspaces_tag("empty=").unwrap().1, "");
        assert!(workspaces_tag("novalue").is_err());
        assert!(workspaces_tag("=x").is_err());
    }
}
