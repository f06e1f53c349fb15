//! One style for every enum flag: the values are the SDK enum's own (so a
//! newer SDK's values are accepted too), read in any case with `-` or `_`
//! (`windows-11`, `WINDOWS_11`), and shown in help, completion and the
//! "possible values" error in one spelling, lower-case kebab (`windows-11`).
//! Each flag type is one [`api_enum!`] line over its SDK enum.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// What [`api_enum!`] implements for each flag type.
pub trait ApiEnum: Sized + Copy + Send + Sync + 'static {
    /// Every value, as the API spells it (the SDK enum's `values()`).
    fn api_values() -> &'static [&'static str];
    fn from_api_value(value: &'static str) -> Self;

    /// The value a user typed, in any case, with `-` or `_`.
    fn parse(text: &str) -> Option<Self> {
        let wanted = spelling(text.trim());
        Self::api_values()
            .iter()
            .find(|value| spelling(value) == wanted)
            .map(|value| Self::from_api_value(value))
    }

    /// Every value in the one spelling help shows.
    fn spellings() -> Vec<String> {
        Self::api_values().iter().map(|v| spelling(v)).collect()
    }
}

/// The spelling help shows: `WINDOWS_SERVER_2022` → `windows-server-2022`.
pub fn spelling(value: &str) -> String {
    value.to_ascii_lowercase().replace('_', "-")
}

/// The clap value parser of every enum flag; `#[arg(long)]` picks it.
#[derive(Clone)]
pub struct Parser<E>(PhantomData<E>);

impl<E> Parser<E> {
    pub fn new() -> Self {
        Parser(PhantomData)
    }
}

impl<E: ApiEnum> TypedValueParser for Parser<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<E, clap::Error> {
        if let Some(found) = value.to_str().and_then(E::parse) {
            return Ok(found);
        }
        // clap's own error: it names the option and the value and lists the
        // valid spellings, exit 2.
        let known = PossibleValuesParser::new(E::spellings().into_iter().map(PossibleValue::new));
        let name = known.parse_ref(cmd, arg, value)?;
        E::parse(&name).ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(E::spellings().into_iter().map(PossibleValue::new)))
    }
}

/// A flag type over an SDK enum: `api_enum!(/// doc, RunningModeArg, RunningMode)`.
/// Not a `clap::ValueEnum`: clap would pick that over this crate's parser.
macro_rules! api_enum {
    ($(#[$doc:meta])* $name:ident, $sdk:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(&'static str);

        // Not every enum needs both forms.
        #[allow(dead_code)]
        impl $name {
            pub fn api_value(self) -> &'static str {
                self.0
            }

            pub fn to_sdk(self) -> $sdk {
                <$sdk>::from(self.0)
            }
        }

        impl $crate::enum_arg::ApiEnum for $name {
            fn api_values() -> &'static [&'static str] {
                <$sdk>::values()
            }

            fn from_api_value(value: &'static str) -> Self {
                $name(value)
            }
        }

        impl clap::builder::ValueParserFactory for $name {
            type Parser = $crate::enum_arg::Parser<$name>;

            fn value_parser() -> Self::Parser {
                $crate::enum_arg::Parser::new()
            }
        }
    };
}

pub(crate) use api_enum;

#[cfg(test)]
mod tests {
    use super::ApiEnum;
    use aws_sdk_workspaces::types::{OperatingSystemName, RunningMode};
    use aws_sdk_workspacesthinclient::types::SoftwareSetUpdateMode;
    use clap::Parser as _;

    api_enum!(RunningModeArg, RunningMode);
    api_enum!(OsArg, OperatingSystemName);
    api_enum!(UpdateModeArg, SoftwareSetUpdateMode);

    #[derive(Debug, clap::Parser)]
    struct Flags {
        #[arg(long)]
        mode: Option<RunningModeArg>,
        #[arg(long, value_delimiter = ',')]
        os: Vec<OsArg>,
        #[arg(long)]
        update_mode: Option<UpdateModeArg>,
    }

    #[test]
    fn any_case_with_dashes_or_underscores() {
        for text in [
            "use-desired",
            "USE_DESIRED",
            "Use_Desired",
            "use_desired",
            "USE-desired",
        ] {
            let flags = Flags::try_parse_from(["t", "--update-mode", text]).unwrap();
            assert_eq!(
                flags.update_mode.unwrap().api_value(),
                "USE_DESIRED",
                "{text}"
            );
        }
        let flags = Flags::try_parse_from(["t", "--os", "windows-11,WINDOWS_SERVER_2022"]).unwrap();
        let os: Vec<_> = flags.os.iter().map(|o| o.to_sdk()).collect();
        assert_eq!(
            os,
            [
                OperatingSystemName::Windows11,
                OperatingSystemName::WindowsServer2022
            ]
        );
        assert_eq!(
            OsArg::parse("Windows_11").map(OsArg::api_value),
            Some("WINDOWS_11")
        );
    }

    #[test]
    fn a_typo_lists_the_one_spelling() {
        let err = Flags::try_parse_from(["t", "--mode", "always"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(
            text.contains("invalid value 'always' for '--mode <MODE>'"),
            "{text}"
        );
        assert!(text.contains("always-on"), "{text}");
        assert!(!text.contains("ALWAYS_ON"), "{text}");
    }
}
