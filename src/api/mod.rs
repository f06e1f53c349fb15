//! The SDK layer: every AWS call wsfleet makes, returning our types and
//! errors. Nothing here prints; nothing outside here calls the SDK.

pub mod thin_client;
pub mod workspaces;
