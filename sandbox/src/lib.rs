//! A local emulator of the Amazon WorkSpaces Thin Client (restJson1) and
//! Amazon WorkSpaces (awsJson1.1) APIs, for tests, benchmarks and trying
//! wsfleet without an AWS account.

pub mod workspaces;
