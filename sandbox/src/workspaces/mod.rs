//! WorkSpaces (awsJson1.1) state and operations.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An error shaped as the WorkSpaces service shapes it: the HTTP status,
/// `__type` (the exception name) and `message`.
#[derive(Debug, Clone, PartialEq)]
pub struct WsError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

/// Everything the WorkSpaces side of the sandbox holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WorkspacesState {}

impl WorkspacesState {
    /// A deterministic fleet of `workspaces` WorkSpaces with their directories,
    /// bundles, applications and images.
    pub fn seed(_workspaces: usize, _seed: u64, _now: DateTime<Utc>) -> Self {
        Self {}
    }

    /// Runs one operation. `op` is the part of `X-Amz-Target` after
    /// `WorkspacesService.`; `transition` is how long a transitional state lasts.
    pub fn handle(
        &mut self,
        op: &str,
        _input: &Value,
        _now: DateTime<Utc>,
        _transition: Duration,
    ) -> Result<Value, WsError> {
        Err(WsError {
            status: 400,
            code: "UnknownOperationException",
            message: format!("operation {op} is not supported by the sandbox"),
        })
    }
}
