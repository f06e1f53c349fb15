//! WorkSpaces Thin Client (restJson1): the table of its 16 operations, which
//! routes each request by method and path, and their behaviour over
//! [`ThinClientState`], one module a resource.
//!
//! Adding an operation is as on the WorkSpaces side (see `workspaces`): a
//! handler in its resource's module, and one line in [`OPERATIONS`] with the
//! method and path pattern of the model's `@http` trait.

mod call;
mod devices;
mod environments;
pub mod error;
pub mod model;
pub mod paging;
pub mod seed;
mod software_sets;
mod tags;
pub mod validate;

use chrono::{DateTime, Utc};

pub use call::unknown_operation;
pub use error::TcError;
pub use model::ThinClientState;

use call::Answer;

/// When a call happens, and how long the transitions it starts (DEREGISTERING,
/// software installs) last.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub transition: chrono::Duration,
}

/// What an operation runs: a reader cannot change the state, so the kind of
/// handler is what makes an operation read-only.
#[derive(Clone, Copy)]
enum Handler {
    Reads(fn(&ThinClientState, &Request, Clock) -> Answer),
    Changes(fn(&mut ThinClientState, &Request, Clock) -> Answer),
}

/// One operation of the Thin Client API and the HTTP route it answers.
pub struct Operation {
    pub name: &'static str,
    method: &'static str,
    /// The path as the model writes it; a `{label}` segment matches any one segment.
    path: &'static str,
    /// Whether a `clientToken` may come in the JSON body (it may always come
    /// in the query).
    token_in_body: bool,
    handler: Handler,
}

impl Operation {
    const fn reads(
        method: &'static str,
        path: &'static str,
        name: &'static str,
        handler: fn(&ThinClientState, &Request, Clock) -> Answer,
    ) -> Self {
        Self::new(method, path, name, Handler::Reads(handler))
    }

    const fn changes(
        method: &'static str,
        path: &'static str,
        name: &'static str,
        handler: fn(&mut ThinClientState, &Request, Clock) -> Answer,
    ) -> Self {
        Self::new(method, path, name, Handler::Changes(handler))
    }

    const fn new(
        method: &'static str,
        path: &'static str,
        name: &'static str,
        handler: Handler,
    ) -> Self {
        Self {
            name,
            method,
            path,
            token_in_body: false,
            handler,
        }
    }

    const fn token_in_body(self) -> Self {
        Self {
            token_in_body: true,
            ..self
        }
    }

    /// Whether the operation only looks at the state, so nothing needs saving after it.
    pub fn is_read_only(&self) -> bool {
        matches!(self.handler, Handler::Reads(_))
    }

    /// The label of `segments` if this operation answers `method` on them
    /// (`Some(None)`: it does, and its path has no label).
    fn route(&self, method: &str, segments: &[String]) -> Option<Option<String>> {
        if self.method != method {
            return None;
        }
        let pattern: Vec<&str> = self.path.split('/').filter(|s| !s.is_empty()).collect();
        if pattern.len() != segments.len() {
            return None;
        }
        let mut label = None;
        for (expected, segment) in pattern.iter().zip(segments) {
            if expected.starts_with('{') {
                label = Some(segment.clone());
            } else if expected != segment {
                return None;
            }
        }
        Some(label)
    }

    fn run(&self, state: &mut ThinClientState, request: &Request, clock: Clock) -> Answer {
        match self.handler {
            Handler::Reads(read) => read(state, request, clock),
            Handler::Changes(change) => change(state, request, clock),
        }
    }
}

/// Every operation of the Thin Client API: method, path, name, whether it
/// only reads the state (`reads`) or changes it (`changes`), and handler.
#[rustfmt::skip]
const OPERATIONS: &[Operation] = &[
    // Devices (devices.rs)
    Operation::reads("GET", "/devices", "ListDevices", ThinClientState::list_devices),
    Operation::reads("GET", "/devices/{id}", "GetDevice", ThinClientState::get_device),
    Operation::changes("PATCH", "/devices/{id}", "UpdateDevice", ThinClientState::update_device),
    Operation::changes("DELETE", "/devices/{id}", "DeleteDevice", ThinClientState::delete_device),
    Operation::changes("POST", "/deregister-device/{id}", "DeregisterDevice", ThinClientState::deregister_device).token_in_body(),
    // Environments (environments.rs)
    Operation::reads("GET", "/environments", "ListEnvironments", ThinClientState::list_environments),
    Operation::changes("POST", "/environments", "CreateEnvironment", ThinClientState::create_environment).token_in_body(),
    Operation::reads("GET", "/environments/{id}", "GetEnvironment", ThinClientState::get_environment),
    Operation::changes("PATCH", "/environments/{id}", "UpdateEnvironment", ThinClientState::update_environment),
    Operation::changes("DELETE", "/environments/{id}", "DeleteEnvironment", ThinClientState::delete_environment),
    // Software sets (software_sets.rs)
    Operation::reads("GET", "/softwaresets", "ListSoftwareSets", ThinClientState::list_software_sets),
    Operation::reads("GET", "/softwaresets/{id}", "GetSoftwareSet", ThinClientState::get_software_set),
    Operation::changes("PATCH", "/softwaresets/{id}", "UpdateSoftwareSet", ThinClientState::update_software_set),
    // Tags (tags.rs)
    Operation::reads("GET", "/tags/{resourceArn}", "ListTagsForResource", ThinClientState::list_tags_for_resource),
    Operation::changes("POST", "/tags/{resourceArn}", "TagResource", ThinClientState::tag_resource),
    Operation::changes("DELETE", "/tags/{resourceArn}", "UntagResource", ThinClientState::untag_resource),
];

/// An operation and the label of its path (an id or an ARN), if it has one.
#[derive(Clone)]
pub struct Route {
    pub operation: &'static Operation,
    pub label: Option<String>,
}

/// Maps a method and decoded path segments to an operation, as the model's
/// `@http` traits do.
pub fn route(method: &str, segments: &[String]) -> Option<Route> {
    OPERATIONS.iter().find_map(|operation| {
        let label = operation.route(method, segments)?;
        Some(Route { operation, label })
    })
}

/// One Thin Client request, decoded.
pub struct Request<'a> {
    pub route: Route,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Request<'_> {
    /// The idempotency token: in the query for the DELETEs, in the body for
    /// the POSTs.
    pub fn client_token(&self) -> Option<String> {
        if let Some((_, token)) = self.query.iter().find(|(key, _)| key == "clientToken") {
            return Some(token.clone());
        }
        if !self.route.operation.token_in_body {
            return None;
        }
        let body: serde_json::Value = serde_json::from_slice(self.body).ok()?;
        body.get("clientToken")?.as_str().map(str::to_string)
    }
}

/// A successful answer: the HTTP status and the JSON body, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        crate::wire::path_segments(path).unwrap()
    }

    #[test]
    fn routes_follow_the_model() {
        let cases = [
            ("GET", "/devices", "ListDevices"),
            ("GET", "/devices/abc", "GetDevice"),
            ("PATCH", "/devices/abc", "UpdateDevice"),
            ("DELETE", "/devices/abc", "DeleteDevice"),
            ("POST", "/deregister-device/abc", "DeregisterDevice"),
            ("GET", "/environments", "ListEnvironments"),
            ("POST", "/environments", "CreateEnvironment"),
            ("GET", "/environments/abc", "GetEnvironment"),
            ("PATCH", "/environments/abc", "UpdateEnvironment"),
            ("DELETE", "/environments/abc", "DeleteEnvironment"),
            ("GET", "/softwaresets", "ListSoftwareSets"),
            ("GET", "/softwaresets/1", "GetSoftwareSet"),
            ("PATCH", "/softwaresets/1", "UpdateSoftwareSet"),
            ("GET", "/tags/arn%3Ax", "ListTagsForResource"),
            ("POST", "/tags/arn%3Ax", "TagResource"),
            ("DELETE", "/tags/arn%3Ax", "UntagResource"),
        ];
        assert_eq!(cases.len(), OPERATIONS.len(), "every operation is routed");
        for (method, path, name) in cases {
            assert_eq!(
                route(method, &segments(path)).map(|r| r.operation.name),
                Some(name),
                "{method} {path}"
            );
        }
        assert_eq!(
            route("GET", &segments("/tags/arn%3Ax")).and_then(|r| r.label),
            Some("arn:x".to_string())
        );
        assert!(route("PUT", &segments("/devices/abc")).is_none());
        assert!(route("GET", &segments("/devices/a/b")).is_none());
        assert!(route("GET", &segments("/")).is_none());
    }

    /// AWS names every operation that only reads List… or Get…; an entry
    /// that disagrees was given the wrong kind of handler.
    #[test]
    fn exactly_the_list_and_get_operations_are_read_only() {
        for operation in OPERATIONS {
            let reads_by_name = ["List", "Get"]
                .iter()
                .any(|prefix| operation.name.starts_with(prefix));
            assert_eq!(
                operation.is_read_only(),
                reads_by_name,
                "{}",
                operation.name
            );
        }
    }
}
