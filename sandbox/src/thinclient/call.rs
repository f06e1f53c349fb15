//! What every Thin Client call goes through (the idempotency of client
//! tokens), and what the handlers of every resource share.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::error::{self, TcError};
use super::model::{IdempotentReply, ThinClientState};
use super::validate::{Body, Checks};
use super::{Clock, Reply, Request};

/// What a handler answers.
pub type Answer = Result<Reply, TcError>;

pub const SOFTWARE_SET_ID_PATTERN: &str = "^[0-9]{1,9}$";
pub const ARN_PATTERN: &str =
    r"^arn:[\w+=\/,.@-]+:[a-zA-Z0-9\-]+:[a-zA-Z0-9\-]*:[0-9]{0,12}:[a-zA-Z0-9\-\/\._]+$";

pub fn ok(status: u16, body: Value) -> Answer {
    Ok(Reply {
        status,
        body: Some(body),
    })
}

pub fn no_content() -> Answer {
    Ok(Reply {
        status: 204,
        body: None,
    })
}

/// The label of the path, checked against the id's pattern.
pub fn label_id<'a>(
    request: &'a Request,
    valid: fn(&str) -> bool,
    pattern: &str,
) -> Result<&'a str, TcError> {
    let id = request.route.label.as_deref().unwrap_or_default();
    let mut checks = Checks::default();
    checks.pattern("id", id, valid(id), pattern);
    checks.finish()?;
    Ok(id)
}

pub fn optional_enum(checks: &mut Checks, name: &str, value: &Option<String>, allowed: &[&str]) {
    if let Some(value) = value {
        checks.one_of(name, value, allowed);
    }
}

/// A list's body with its `nextToken`, when there is a next page.
pub fn with_token(mut body: Value, next_token: Option<String>) -> Value {
    if let Some(token) = next_token {
        body["nextToken"] = json!(token);
    }
    body
}

/// A path no operation answers.
pub fn unknown_operation(method: &str, path: &str) -> TcError {
    TcError::validation(
        error::REASON_UNKNOWN_OPERATION,
        format!("No operation matches {method} {path}"),
    )
}

impl ThinClientState {
    /// Runs one request at `now`; `transition` is how long DEREGISTERING and
    /// software installs last. A request that carries a client token and was
    /// answered before is answered the same way again, without running twice.
    pub fn handle(
        &mut self,
        request: &Request,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Reply, TcError> {
        self.apply_due(now);
        let clock = Clock {
            now,
            transition: chrono::Duration::from_std(transition).unwrap_or(chrono::Duration::zero()),
        };
        let token = request.client_token();
        let Some(token) = token else {
            return request.route.operation.run(self, request, clock);
        };
        let mut checks = Checks::default();
        checks.length("clientToken", &token, 1, 512);
        checks.finish()?;
        let key = format!("{}:{token}", request.route.operation.name);
        let fingerprint = format!(
            "{}|{}",
            request.route.label.as_deref().unwrap_or_default(),
            Body::parse(request.body)?.fingerprint()
        );
        if let Some(previous) = self.idempotency.get(&key) {
            if previous.fingerprint != fingerprint {
                return Err(TcError::conflict(
                    "clientToken",
                    &token,
                    format!(
                        "IdempotentParameterMismatch: the clientToken {token} was already used with different parameters"
                    ),
                ));
            }
            return Ok(Reply {
                status: previous.status,
                body: previous.body.clone(),
            });
        }
        let reply = request.route.operation.run(self, request, clock)?;
        self.idempotency.insert(
            key,
            IdempotentReply {
                fingerprint,
                status: reply.status,
                body: reply.body.clone(),
            },
        );
        Ok(reply)
    }
}
