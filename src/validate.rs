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
}
