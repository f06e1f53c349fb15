//! `wsfleet account-links reject`: its examples; the flow is [`super::answer`].

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links reject link-abcdefgh1234 --dry-run
  wsfleet account-links reject link-abcdefgh1234 --yes";
