//! `Key=Value` tags and tag keys as people type them, checked against the
//! limits AWS enforces, so a bad tag is a usage error before any request.

use std::collections::HashMap;

use crate::error::{AppError, Result};
use crate::validate::printable;

/// A resource holds at most this many tags.
pub const MAX_TAGS: usize = 50;

/// Which tags a model takes: Thin Client resource tags and WorkSpaces tags
/// hold `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (WorkSpaces' keys and values one
/// character shorter); device creation tags a stricter ASCII set (and no
/// empty value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRules {
    Resource,
    DeviceCreation,
    WorkSpaces,
}

impl TagRules {
    fn max_key_chars(self) -> usize {
        match self {
            TagRules::Resource | TagRules::DeviceCreation => 128,
            TagRules::WorkSpaces => 127,
        }
    }

    fn max_value_chars(self) -> usize {
        match self {
            TagRules::Resource | TagRules::DeviceCreation => 256,
            TagRules::WorkSpaces => 255,
        }
    }

    fn allows(self, c: char) -> bool {
        match self {
            TagRules::Resource | TagRules::WorkSpaces => {
                c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
            }
            TagRules::DeviceCreation => c.is_ascii_alphanumeric() || " _=@:.+-/".contains(c),
        }
    }

    fn allowed_text(self) -> &'static str {
        match self {
            TagRules::Resource | TagRules::WorkSpaces => {
                "letters, digits, spaces and _ . : / = + - @"
            }
            TagRules::DeviceCreation => "ASCII letters, digits, spaces and _ = @ : . + - /",
        }
    }
}

/// A tag key: 1 to 128 (WorkSpaces: 127) characters, not starting with `aws:`.
pub fn key(key: &str, rules: TagRules) -> Result<String> {
    let bad = |why: String| {
        Err(AppError::usage(format!(
            "invalid tag key '{}': {why}",
            printable(key)
        )))
    };
    let chars = key.chars().count();
    if chars == 0 {
        return bad("a key must not be empty".into());
    }
    if chars > rules.max_key_chars() {
        return bad(format!("longer than {} characters", rules.max_key_chars()));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return bad("the aws: prefix is reserved for AWS".into());
    }
    if let Some(c) = key.chars().find(|&c| !rules.allows(c)) {
        return bad(format!(
            "'{}' is not allowed (only {})",
            printable(&c.to_string()),
            rules.allowed_text()
        ));
    }
    Ok(key.to_owned())
}

/// One `Key=Value` (split at the first `=`; the value may be empty).
pub fn pair(text: &str, rules: TagRules) -> Result<(String, String)> {
    let Some((raw_key, value)) = text.split_once('=') else {
        return Err(AppError::usage(format!(
            "invalid tag '{}': expected Key=Value",
            printable(text)
        )));
    };
    if raw_key.is_empty() {
        return Err(AppError::usage(format!(
            "invalid tag '{}': a key must not be empty",
            printable(text)
        )));
    }
    let key = key(raw_key, rules)?;
    let bad = |why: String| {
        Err(AppError::usage(format!(
            "invalid value for tag '{}': {why}",
            printable(&key)
        )))
    };
    if value.chars().count() > rules.max_value_chars() {
        return bad(format!(
            "longer than {} characters",
            rules.max_value_chars()
        ));
    }
    if rules == TagRules::DeviceCreation && value.is_empty() {
        return bad("a device creation tag needs a value".into());
    }
    if let Some(c) = value.chars().find(|&c| !rules.allows(c)) {
        return bad(format!(
            "'{}' is not allowed (only {})",
            printable(&c.to_string()),
            rules.allowed_text()
        ));
    }
    Ok((key, value.to_owned()))
}

/// Many `Key=Value`s as the API's map; a key given twice is an error rather
/// than a silent last-one-wins.
pub fn map(texts: &[String], rules: TagRules) -> Result<HashMap<String, String>> {
    if texts.len() > MAX_TAGS {
        return Err(AppError::usage(format!(
            "{} tags given; a resource holds at most {MAX_TAGS}",
            texts.len()
        )));
    }
    let mut tags = HashMap::with_capacity(texts.len());
    for text in texts {
        let (key, value) = pair(text, rules)?;
        if tags.contains_key(&key) {
            return Err(AppError::usage(format!(
                "tag key '{}' given twice",
                printable(&key)
            )));
        }
        tags.insert(key, value);
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_at_the_first_equals_sign() {
        assert_eq!(
            pair("team=a=b", TagRules::Resource).unwrap(),
            ("team".to_owned(), "a=b".to_owned())
        );
        assert_eq!(
            pair("empty=", TagRules::Resource).unwrap(),
            ("empty".to_owned(), String::new())
        );
        let err = pair("novalue", TagRules::Resource).unwrap_err();
        assert!(err.to_string().contains("expected Key=Value"), "{err}");
    }

    #[test]
    fn aws_limits_are_enforced_locally() {
        for (text, expected) in [
            ("=v", "must not be empty"),
            ("aws:x=v", "reserved"),
            ("AWS:x=v", "reserved"),
            ("semi;colon=v", "';' is not allowed"),
            ("k=semi;colon", "';' is not allowed"),
        ] {
            let err = pair(text, TagRules::Resource).unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
        let long_key = format!("{}=v", "k".repeat(129));
        assert!(pair(&long_key, TagRules::Resource).is_err());
        assert!(pair(&format!("{}=v", "k".repeat(128)), TagRules::Resource).is_ok());
        let long_value = format!("k={}", "v".repeat(257));
        assert!(pair(&long_value, TagRules::Resource).is_err());
        assert!(pair(&format!("k={}", "v".repeat(256)), TagRules::Resource).is_ok());
    }

    #[test]
    fn workspaces_tags_are_one_character_shorter() {
        let key = "k".repeat(128);
        assert!(pair(&format!("{key}=v"), TagRules::Resource).is_ok());
        let err = pair(&format!("{key}=v"), TagRules::WorkSpaces).unwrap_err();
        assert!(err.to_string().contains("longer than 127"), "{err}");
        let value = "v".repeat(256);
        assert!(pair(&format!("k={value}"), TagRules::WorkSpaces).is_err());
        assert_eq!(
            pair("team=a=b", TagRules::WorkSpaces).unwrap(),
            ("team".to_owned(), "a=b".to_owned())
        );
    }

    #[test]
    fn device_creation_tags_are_stricter() {
        assert!(pair("site=Dublin", TagRules::DeviceCreation).is_ok());
        assert!(pair("site=", TagRules::DeviceCreation).is_err());
        assert!(pair("site=Zürich", TagRules::DeviceCreation).is_err());
        assert!(pair("site=Zürich", TagRules::Resource).is_ok());
    }

    #[test]
    fn maps_reject_duplicates_and_too_many() {
        let twice = vec!["a=1".to_owned(), "a=2".to_owned()];
        assert!(map(&twice, TagRules::Resource).is_err());
        let many: Vec<String> = (0..51).map(|i| format!("k{i}=v")).collect();
        assert!(map(&many, TagRules::Resource).is_err());
        let tags = map(&many[..50], TagRules::Resource).unwrap();
        assert_eq!(tags.len(), 50);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// A key the Resource rules accept: no `=`, not `aws:`-prefixed.
    fn valid_key() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_.:/+@-][A-Za-z0-9 _.:/+@-]{0,127}".prop_filter("aws: is reserved", |k| {
            !k.to_ascii_lowercase().starts_with("aws:")
        })
    }

    proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*", bytes in ".*") {
            for rules in [TagRules::Resource, TagRules::DeviceCreation] {
                let _ = pair(&text, rules);
                let _ = pair(&bytes, rules);
                let _ = key(&bytes, rules);
                let _ = map(&[text.clone(), bytes.clone()], rules);
            }
        }

        #[test]
        fn valid_pairs_round_trip(key in valid_key(), value in "[A-Za-z0-9 _.:/=+@-]{0,256}") {
            let parsed = pair(&format!("{key}={value}"), TagRules::Resource).unwrap();
            prop_assert_eq!(parsed, (key, value));
        }

        #[test]
        fn valid_maps_round_trip(
            tags in proptest::collection::hash_map(valid_key(), "[A-Za-z0-9_.-]{1,20}", 0..=50)
        ) {
            let texts: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
            prop_assert_eq!(map(&texts, TagRules::Resource).unwrap(), tags);
        }
    }
}
