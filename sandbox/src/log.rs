//! The request log: every request the sandbox answered, in memory and
//! optionally appended to a file as JSON lines.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// `thinclient` or `workspaces`.
    pub service: String,
    /// The API operation, e.g. `ListDevices` or `DescribeWorkspaces`.
    pub operation: String,
    pub method: String,
    pub path: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    /// The id or ARN the request was about, when it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The region the request was signed for (SigV4 credential scope): which
    /// region a client meant to reach, though every region reaches this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_region: Option<String>,
    /// The member account whose fleet answered (its role's credentials
    /// signed the request); none for the sandbox's own account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
}

pub struct RequestLog {
    records: Mutex<Vec<RequestRecord>>,
    file: Option<Mutex<File>>,
}

impl RequestLog {
    pub fn open(path: Option<&Path>) -> io::Result<Self> {
        let file = match path {
            Some(path) => Some(Mutex::new(
                OpenOptions::new().create(true).append(true).open(path)?,
            )),
            None => None,
        };
        Ok(RequestLog {
            records: Mutex::new(Vec::new()),
            file,
        })
    }

    pub fn record(&self, record: RequestRecord) {
        if let Some(file) = &self.file
            && let Ok(mut line) = serde_json::to_vec(&record)
        {
            line.push(b'\n');
            let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            // The log is a testing aid; a full disk must not fail the request.
            let _ = file.write_all(&line);
        }
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(record);
    }

    pub fn snapshot(&self) -> Vec<RequestRecord> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn clear(&self) {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }
}
