//! `wsfleet account-links delete`: its examples; the flow is [`super::answer`].

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links delete link-abcdefgh1234 --dry-run
  wsfleet account-links delete link-abcdefgh1234 --yes";
