//! `maxResults`/`nextToken` paging over a map kept in id order. A token names
//! the list it belongs to, the last key returned and when it was issued, and
//! carries a checksum, so a foreign, altered or expired token is refused.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::{DateTime, Duration, Utc};

use super::error::TcError;
use super::validate::Checks;

pub const MAX_RESULTS: i64 = 50;
const TOKEN_LIFETIME_HOURS: i64 = 24;

pub struct Page<'a, T> {
    pub items: Vec<&'a T>,
    pub next_token: Option<String>,
}

fn checksum(text: &str) -> u64 {
    // FNV-1a: enough to tell a token this sandbox issued from one it did not.
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn encode_token(list: &str, last_key: &str, issued: DateTime<Utc>) -> String {
    let payload = format!("{list}|{}|{last_key}", issued.timestamp());
    let sealed = format!("{payload}|{:016x}", checksum(&payload));
    sealed.bytes().map(|byte| format!("{byte:02x}")).collect()
}

/// The last key of the previous page, if `token` is one of ours for `list`.
fn decode_token(list: &str, token: &str, now: DateTime<Utc>) -> Option<String> {
    if !token.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Vec<u8> = (0..token.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(token.get(at..at + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let sealed = String::from_utf8(bytes).ok()?;
    let (payload, sum) = sealed.rsplit_once('|')?;
    if format!("{:016x}", checksum(payload)) != sum {
        return None;
    }
    let mut parts = payload.splitn(3, '|');
    let (token_list, issued, last_key) = (parts.next()?, parts.next()?, parts.next()?);
    let issued = DateTime::from_timestamp(issued.parse().ok()?, 0)?;
    (token_list == list && now - issued <= Duration::hours(TOKEN_LIFETIME_HOURS))
        .then(|| last_key.to_string())
}

/// One page of `items` for a List operation's query (`maxResults`, `nextToken`).
pub fn page<'a, T>(
    items: &'a BTreeMap<String, T>,
    list: &str,
    query: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Page<'a, T>, TcError> {
    let mut checks = Checks::default();
    let mut max_results = MAX_RESULTS;
    let mut token = None;
    for (key, value) in query {
        match key.as_str() {
            "maxResults" => match value.parse::<i64>() {
                Ok(parsed) => {
                    checks.range("maxResults", parsed, 1, MAX_RESULTS);
                    max_results = parsed;
                }
                Err(_) => checks.fail(
                    "maxResults",
                    format!("Value '{value}' at 'maxResults' failed to satisfy constraint: Member must be an integer"),
                ),
            },
            "nextToken" => {
                checks.length("nextToken", value, 0, 2048);
                checks.pattern(
                    "nextToken",
                    value,
                    !value.chars().any(char::is_whitespace),
                    r"^\S*$",
                );
                token = Some(value.as_str());
            }
            _ => {}
        }
    }
    checks.finish()?;

    let after = match token {
        None | Some("") => None,
        Some(token) => Some(decode_token(list, token, now).ok_or_else(|| {
            TcError::field(
                "nextToken",
                "The pagination token is invalid or has expired.".to_string(),
            )
        })?),
    };
    let lower = match &after {
        Some(key) => Bound::Excluded(key.clone()),
        None => Bound::Unbounded,
    };
    let limit = max_results as usize;
    let mut range = items.range((lower, Bound::Unbounded));
    let page: Vec<(&String, &T)> = range.by_ref().take(limit).collect();
    let next_token = match (page.last(), range.next()) {
        (Some((last_key, _)), Some(_)) => Some(encode_token(list, last_key, now)),
        _ => None,
    };
    Ok(Page {
        items: page.into_iter().map(|(_, item)| item).collect(),
        next_token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(count: usize) -> BTreeMap<String, usize> {
        (0..count).map(|n| (format!("{n:04}"), n)).collect()
    }

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn pages_cover_every_item_once() {
        let all = items(7);
        let now = Utc::now();
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut pairs = vec![("maxResults", "3")];
            if let Some(token) = &token {
                pairs.push(("nextToken", token));
            }
            let page = page(&all, "devices", &query(&pairs), now).unwrap();
            seen.extend(page.items.into_iter().copied());
            match page.next_token {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn refuses_foreign_altered_and_expired_tokens() {
        let all = items(5);
        let now = Utc::now();
        let first = page(&all, "devices", &query(&[("maxResults", "2")]), now).unwrap();
        let token = first.next_token.unwrap();
        assert!(page(&all, "environments", &query(&[("nextToken", &token)]), now).is_err());
        let mut altered = token.clone();
        altered.replace_range(0..2, "00");
        assert!(page(&all, "devices", &query(&[("nextToken", &altered)]), now).is_err());
        let later = now + Duration::hours(25);
        assert!(page(&all, "devices", &query(&[("nextToken", &token)]), later).is_err());
        assert!(page(&all, "devices", &query(&[("nextToken", &token)]), now).is_ok());
    }

    #[test]
    fn max_results_must_be_within_range() {
        let all = items(1);
        let now = Utc::now();
        for bad in ["0", "51", "-1", "ten"] {
            assert!(page(&all, "devices", &query(&[("maxResults", bad)]), now).is_err());
        }
    }
}
