//! A local emulator of the Amazon WorkSpaces Thin Client (restJson1) and
//! Amazon WorkSpaces (awsJson1.1) APIs, for tests, benchmarks and trying
//! wsfleet without an AWS account.

mod accounts;
mod cloudwatch;
mod config;
mod knobs;
mod log;
mod rng;
mod server;
mod state;
mod thinclient;
mod wire;
pub mod workspaces;

pub use accounts::member_account;
pub use config::Config;
pub use log::RequestRecord;
pub use server::{Sandbox, reset_state_file};

/// The account every sandbox resource belongs to.
pub const ACCOUNT_ID: &str = thinclient::model::ACCOUNT_ID;
