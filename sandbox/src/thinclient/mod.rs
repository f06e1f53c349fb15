//! WorkSpaces Thin Client (restJson1): routing of the 16 operations and their
//! behaviour over [`ThinClientState`].

pub mod error;
pub mod model;
mod ops;
pub mod paging;
pub mod seed;
pub mod validate;

pub use error::TcError;
pub use model::ThinClientState;
pub use ops::unknown_operation;

/// The operations of the Thin Client API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    CreateEnvironment,
    DeleteDevice,
    DeleteEnvironment,
    DeregisterDevice,
    GetDevice,
    GetEnvironment,
    GetSoftwareSet,
    ListDevices,
    ListEnvironments,
    ListSoftwareSets,
    ListTagsForResource,
    TagResource,
    UntagResource,
    UpdateDevice,
    UpdateEnvironment,
    UpdateSoftwareSet,
}

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::CreateEnvironment => "CreateEnvironment",
            Op::DeleteDevice => "DeleteDevice",
            Op::DeleteEnvironment => "DeleteEnvironment",
            Op::DeregisterDevice => "DeregisterDevice",
            Op::GetDevice => "GetDevice",
            Op::GetEnvironment => "GetEnvironment",
            Op::GetSoftwareSet => "GetSoftwareSet",
            Op::ListDevices => "ListDevices",
            Op::ListEnvironments => "ListEnvironments",
            Op::ListSoftwareSets => "ListSoftwareSets",
            Op::ListTagsForResource => "ListTagsForResource",
            Op::TagResource => "TagResource",
            Op::UntagResource => "UntagResource",
            Op::UpdateDevice => "UpdateDevice",
            Op::UpdateEnvironment => "UpdateEnvironment",
            Op::UpdateSoftwareSet => "UpdateSoftwareSet",
        }
    }

    pub fn is_mutating(self) -> bool {
        !matches!(
            self,
            Op::GetDevice
                | Op::GetEnvironment
                | Op::GetSoftwareSet
                | Op::ListDevices
                | Op::ListEnvironments
                | Op::ListSoftwareSets
                | Op::ListTagsForResource
        )
    }
}

/// An operation and the label of its path (an id or an ARN), if it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub op: Op,
    pub label: Option<String>,
}

/// Maps a method and decoded path segments to an operation, as the model's
/// `@http` traits do.
pub fn route(method: &str, segments: &[String]) -> Option<Route> {
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let (op, label) = match (method, segments.as_slice()) {
        ("GET", ["devices"]) => (Op::ListDevices, None),
        ("GET", ["devices", id]) => (Op::GetDevice, Some(id)),
        ("PATCH", ["devices", id]) => (Op::UpdateDevice, Some(id)),
        ("DELETE", ["devices", id]) => (Op::DeleteDevice, Some(id)),
        ("POST", ["deregister-device", id]) => (Op::DeregisterDevice, Some(id)),
        ("GET", ["environments"]) => (Op::ListEnvironments, None),
        ("POST", ["environments"]) => (Op::CreateEnvironment, None),
        ("GET", ["environments", id]) => (Op::GetEnvironment, Some(id)),
        ("PATCH", ["environments", id]) => (Op::UpdateEnvironment, Some(id)),
        ("DELETE", ["environments", id]) => (Op::DeleteEnvironment, Some(id)),
        ("GET", ["softwaresets"]) => (Op::ListSoftwareSets, None),
        ("GET", ["softwaresets", id]) => (Op::GetSoftwareSet, Some(id)),
        ("PATCH", ["softwaresets", id]) => (Op::UpdateSoftwareSet, Some(id)),
        ("GET", ["tags", arn]) => (Op::ListTagsForResource, Some(arn)),
        ("POST", ["tags", arn]) => (Op::TagResource, Some(arn)),
        ("DELETE", ["tags", arn]) => (Op::UntagResource, Some(arn)),
        _ => return None,
    };
    Some(Route {
        op,
        label: label.map(|label| label.to_string()),
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
        if !matches!(self.route.op, Op::CreateEnvironment | Op::DeregisterDevice) {
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
            ("GET", "/devices", Op::ListDevices),
            ("GET", "/devices/abc", Op::GetDevice),
            ("PATCH", "/devices/abc", Op::UpdateDevice),
            ("DELETE", "/devices/abc", Op::DeleteDevice),
            ("POST", "/deregister-device/abc", Op::DeregisterDevice),
            ("GET", "/environments", Op::ListEnvironments),
            ("POST", "/environments", Op::CreateEnvironment),
            ("GET", "/environments/abc", Op::GetEnvironment),
            ("PATCH", "/environments/abc", Op::UpdateEnvironment),
            ("DELETE", "/environments/abc", Op::DeleteEnvironment),
            ("GET", "/softwaresets", Op::ListSoftwareSets),
            ("GET", "/softwaresets/1", Op::GetSoftwareSet),
            ("PATCH", "/softwaresets/1", Op::UpdateSoftwareSet),
            ("GET", "/tags/arn%3Ax", Op::ListTagsForResource),
            ("POST", "/tags/arn%3Ax", Op::TagResource),
            ("DELETE", "/tags/arn%3Ax", Op::UntagResource),
        ];
        for (method, path, op) in cases {
            assert_eq!(
                route(method, &segments(path)).map(|r| r.op),
                Some(op),
                "{method} {path}"
            );
        }
        assert_eq!(
            route("GET", &segments("/tags/arn%3Ax")).and_then(|r| r.label),
            Some("arn:x".to_string())
        );
        assert!(route("PUT", &segments("/devices/abc")).is_none());
        assert!(route("GET", &segments("/devices/a/b")).is_none());
    }
}
