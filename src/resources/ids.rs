//! Typed resource IDs: one newtype a kind, parsed by clap (`FromStr`), so an
//! ID of the wrong shape is a usage error (exit 2) before any request. The
//! patterns are the API models' own (`^ws-[0-9a-z]{8,63}$`, ...).

use crate::error::{AppError, Result};
use crate::validate::printable;

/// What an ID of one kind looks like, and how to say so when it does not.
#[derive(Debug, Clone, Copy)]
pub struct IdRule {
    /// Named in the error: "invalid device ID '...'".
    pub what: &'static str,
    pub expected: &'static str,
    pub valid: fn(&str) -> bool,
    /// The typed ID's type: an argument parsed into it takes this kind.
    pub type_id: fn() -> std::any::TypeId,
}

impl IdRule {
    /// The ID unchanged when it has the model's shape, else a usage error
    /// naming it.
    pub fn check(&self, id: &str) -> Result<String> {
        if (self.valid)(id) {
            Ok(id.to_owned())
        } else {
            Err(AppError::usage(format!(
                "invalid {} '{}': expected {}",
                self.what,
                printable(id),
                self.expected
            )))
        }
    }
}

/// A newtype holding an ID its rule accepted.
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $expected:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub const RULE: $crate::resources::IdRule = $crate::resources::IdRule {
                what: $what,
                expected: $expected,
                valid: $valid,
                type_id: std::any::TypeId::of::<$name>,
            };
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::AppError;
            fn from_str(id: &str) -> $crate::error::Result<Self> {
                // A name stands for the ID until it is looked up
                // (`resources::names::resolve`), before the command runs.
                if $crate::resources::names::may_be_name(&Self::RULE, id) {
                    return Ok($name(id.trim().to_owned()));
                }
                // Lists split at commas may leave spaces around an ID.
                Self::RULE.check(id.trim()).map($name)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}
pub(crate) use typed_id;

/// A WorkSpaces identifier: `prefix` then `min`..=63 characters that
/// `allowed` accepts.
pub fn prefixed(id: &str, prefix: &str, min: usize, allowed: fn(u8) -> bool) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| (min..=63).contains(&rest.len()) && rest.bytes().all(allowed))
}

pub fn lowercase_alphanumeric(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_lowercase()
}

pub fn lowercase_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// A command line clap refused. An ID of the wrong shape is reported as
/// the ID's own rule words it (`error: invalid device ID 'x': expected
/// ...`), one line as every usage error; any other refusal as clap words it.
pub fn exit_on_parse_error(err: clap::Error) -> ! {
    use std::error::Error as _;
    let rule_broken = err
        .source()
        .and_then(|source| source.downcast_ref::<AppError>())
        .filter(|_| err.kind() == clap::error::ErrorKind::ValueValidation);
    match rule_broken {
        Some(broken) => clap::Error::raw(
            clap::error::ErrorKind::ValueValidation,
            format!("{broken}\n"),
        )
        .exit(),
        None => err.exit(),
    }
}

/// IDs as the API takes them in a list member.
pub fn strings<I: Into<String>>(ids: impl IntoIterator<Item = I>) -> Vec<String> {
    ids.into_iter().map(Into::into).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{
        ApplicationId, BundleId, DeviceId, DirectoryId, EnvironmentId, ImageId, SoftwareSetId,
        WorkspaceId,
    };

    fn rules() -> [IdRule; 8] {
        [
            DeviceId::RULE,
            EnvironmentId::RULE,
            SoftwareSetId::RULE,
            WorkspaceId::RULE,
            DirectoryId::RULE,
            BundleId::RULE,
            ImageId::RULE,
            ApplicationId::RULE,
        ]
    }

    #[test]
    fn device_ids_are_checked_locally() {
        assert!("abcdefghijklmnopqrstuvwx".parse::<DeviceId>().is_ok());
        for bad in [
            "",
            "short",
            "abcdefghijklmnopqrstuvw!",
            "abcdefghijklmnopqrstuvwxy",
        ] {
            let err = DeviceId::RULE.check(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains("invalid device ID"), "{err}");
        }
        // On the command line a word that could be a name is one, looked up
        // before the command runs; the start of a WorkSpaces ID is not.
        assert_eq!(
            &*"RET-KIOSK-019".parse::<DeviceId>().unwrap(),
            "RET-KIOSK-019"
        );
        assert!("ws-abc".parse::<DeviceId>().is_err());
        assert!("".parse::<DeviceId>().is_err());
        assert!("ws-Lobby".parse::<WorkspaceId>().is_err());
        // A WorkSpace is taken by its WorkSpace name or user name too.
        assert_eq!(
            &*"alice.jones".parse::<WorkspaceId>().unwrap(),
            "alice.jones"
        );
    }

    #[test]
    fn workspaces_ids_follow_the_api_patterns() {
        assert!("ws-abc12345".parse::<WorkspaceId>().is_ok());
        assert!("d-90670b1234".parse::<DirectoryId>().is_ok());
        assert!("wsd-abcdefgh1".parse::<DirectoryId>().is_ok());
        assert!("wsb-b0s22j3d7".parse::<BundleId>().is_ok());
        assert!("wsi-abcdefgh1".parse::<ImageId>().is_ok());
        assert!("wsa-abcd1234".parse::<ApplicationId>().is_ok());
        for (rule, bad) in [
            (WorkspaceId::RULE, "ws-ABC12345"),
            (WorkspaceId::RULE, "ws-abc1234"),
            (WorkspaceId::RULE, "wsb-abc12345"),
            (DirectoryId::RULE, "d-xyzxyzxyz"),
            (BundleId::RULE, "wsb-short"),
            (ImageId::RULE, "wsi-abcdefgh"),
            (ApplicationId::RULE, "wsa-abcd123!"),
        ] {
            let err = rule.check(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            assert!(err.to_string().contains("invalid"), "{err}");
        }
    }

    #[test]
    fn environment_and_software_set_ids_are_checked_locally() {
        assert!("abc123xyz".parse::<EnvironmentId>().is_ok());
        for bad in ["ABC123XYZ", "abc123xy", "abc123xyz0", "abc-23xyz"] {
            assert_eq!(EnvironmentId::RULE.check(bad).unwrap_err().exit_code(), 2);
        }
        assert!("123456".parse::<SoftwareSetId>().is_ok());
        for bad in ["", "1234567890", "12a"] {
            assert_eq!(SoftwareSetId::RULE.check(bad).unwrap_err().exit_code(), 2);
        }
    }

    #[test]
    fn clap_parses_typed_ids_with_the_rule_in_its_error() {
        #[derive(clap::Parser)]
        struct Line {
            id: WorkspaceId,
        }
        use clap::Parser;
        let line = Line::try_parse_from(["x", "ws-abc12345"]).unwrap();
        assert_eq!(&*line.id, "ws-abc12345");
        let err = Line::try_parse_from(["x", "ws-short"])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("invalid WorkSpace ID 'ws-short'"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*") {
            for rule in rules() {
                let _ = rule.check(&text);
            }
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
            proptest::prop_assert_eq!(DeviceId::RULE.check(&device).unwrap(), device);
            proptest::prop_assert_eq!(WorkspaceId::RULE.check(&workspace).unwrap(), workspace);
            proptest::prop_assert_eq!(DirectoryId::RULE.check(&directory).unwrap(), directory);
            proptest::prop_assert_eq!(ImageId::RULE.check(&image).unwrap(), image);
            proptest::prop_assert_eq!(EnvironmentId::RULE.check(&environment).unwrap(), environment);
            proptest::prop_assert_eq!(SoftwareSetId::RULE.check(&software_set).unwrap(), software_set);
        }
    }
}
