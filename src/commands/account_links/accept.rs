//! `wsfleet account-links accept`: its examples; the flow is [`super::answer`].

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links accept link-abcdefgh1234 --dry-run
  wsfleet account-links accept link-abcdefgh1234";
