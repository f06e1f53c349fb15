//! `NextToken` paging over maps ordered by resource id. A token names the
//! last key of the page it ends, so resources created or removed between
//! two calls never make a page repeat or skip one that is still there.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::error::WsError;

/// How many bundles or directories one page holds when the caller does not say.
pub const DEFAULT_PAGE: usize = 25;

/// Tokens look opaque, as the service's do, and carry a marker so that a
/// random string is rejected instead of silently read as a key.
const TOKEN_PREFIX: &str = "wsfleet-sandbox-page-";

fn encode_token(list_member: &str, last_key: &str) -> String {
    let hex: String = format!("{list_member}/{last_key}")
        .bytes()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{TOKEN_PREFIX}{hex}")
}

fn invalid_token() -> WsError {
    WsError::invalid_parameter("The NextToken provided is not valid.")
}

/// The last key of the page `token` ended, if `token` was issued for `list_member`.
fn decode_token(list_member: &str, token: &str) -> Result<String, WsError> {
    let hex = token.strip_prefix(TOKEN_PREFIX).ok_or_else(invalid_token)?;
    if hex.is_empty() || hex.len() % 2 != 0 {
        return Err(invalid_token());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|start| u8::from_str_radix(&hex[start..start + 2], 16).map_err(|_| invalid_token()))
        .collect::<Result<Vec<u8>, _>>()?;
    let text = String::from_utf8(bytes).map_err(|_| invalid_token())?;
    match text.split_once('/') {
        Some((member, last_key)) if member == list_member => Ok(last_key.to_owned()),
        _ => Err(invalid_token()),
    }
}

/// One call of a paged Describe operation: the response member its items go
/// in, which also scopes its tokens (a token another list issued is refused),
/// and where the caller's `NextToken` says the page starts.
pub struct Listing {
    list_member: &'static str,
    start: Bound<String>,
}

impl Listing {
    pub fn start(list_member: &'static str, token: Option<&str>) -> Result<Self, WsError> {
        let start = match token {
            Some(token) => Bound::Excluded(decode_token(list_member, token)?),
            None => Bound::Unbounded,
        };
        Ok(Self { list_member, start })
    }

    /// The entries of `map` from where the page starts, in key order.
    pub fn entries<'a, V>(
        &self,
        map: &'a BTreeMap<String, V>,
    ) -> impl Iterator<Item = (&'a String, &'a V)> {
        map.range((self.start.clone(), Bound::Unbounded))
    }

    /// Up to `size` entries as the response members `list_member` and
    /// `NextToken`; a token is returned only when another entry follows, so
    /// the last page never ends with an empty one.
    pub fn page<'a, T: serde::Serialize + 'a>(
        &self,
        mut entries: impl Iterator<Item = (&'a String, T)>,
        size: usize,
    ) -> Result<serde_json::Value, WsError> {
        let mut items = Vec::new();
        let mut last_key = None;
        for (key, item) in entries.by_ref().take(size) {
            items.push(item);
            last_key = Some(key);
        }
        let mut response = serde_json::Map::new();
        response.insert(self.list_member.to_owned(), to_json(&items)?);
        if let (Some(_), Some(key)) = (entries.next(), last_key) {
            let token = encode_token(self.list_member, key);
            response.insert("NextToken".to_owned(), token.into());
        }
        Ok(serde_json::Value::Object(response))
    }
}

/// The sandbox's own structures always serialize; an error here is a bug
/// worth a 500 rather than a panic in the server.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, WsError> {
    serde_json::to_value(value).map_err(|error| WsError {
        status: 500,
        code: "InternalFailure",
        message: format!("the sandbox could not serialize its answer: {error}"),
    })
}
