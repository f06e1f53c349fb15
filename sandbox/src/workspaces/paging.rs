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

pub fn encode_token(last_key: &str) -> String {
    let hex: String = last_key.bytes().map(|byte| format!("{byte:02x}")).collect();
    format!("{TOKEN_PREFIX}{hex}")
}

fn invalid_token() -> WsError {
    WsError::invalid_parameter("The NextToken provided is not valid.")
}

pub fn decode_token(token: &str) -> Result<String, WsError> {
    let hex = token.strip_prefix(TOKEN_PREFIX).ok_or_else(invalid_token)?;
    if hex.is_empty() || hex.len() % 2 != 0 {
        return Err(invalid_token());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|start| u8::from_str_radix(&hex[start..start + 2], 16).map_err(|_| invalid_token()))
        .collect::<Result<Vec<u8>, _>>()?;
    String::from_utf8(bytes).map_err(|_| invalid_token())
}

/// The entries of `map` after the page `token` ended, in key order.
pub fn entries_after<'a, V>(
    map: &'a BTreeMap<String, V>,
    token: Option<&str>,
) -> Result<impl Iterator<Item = (&'a String, &'a V)>, WsError> {
    let start = match token {
        Some(token) => Bound::Excluded(decode_token(token)?),
        None => Bound::Unbounded,
    };
    Ok(map.range((start, Bound::Unbounded)))
}

/// One page of results and the token of the next page, if there is one.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

/// Takes up to `size` entries; a token is returned only when another entry
/// follows, so the last page never ends with an empty one.
pub fn take_page<'a, T: 'a>(
    mut entries: impl Iterator<Item = (&'a String, T)>,
    size: usize,
) -> Page<T> {
    let mut items = Vec::new();
    let mut last_key = None;
    for (key, item) in entries.by_ref().take(size) {
        items.push(item);
        last_key = Some(key);
    }
    let next_token = match (entries.next(), last_key) {
        (Some(_), Some(key)) => Some(encode_token(key)),
        _ => None,
    };
    Page { items, next_token }
}

impl<T: serde::Serialize> Page<T> {
    /// The page as the response members `list_member` and `NextToken`.
    pub fn into_response(self, list_member: &str) -> Result<serde_json::Value, WsError> {
        let mut response = serde_json::Map::new();
        response.insert(list_member.to_owned(), to_json(&self.items)?);
        if let Some(token) = self.next_token {
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
