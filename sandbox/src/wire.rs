//! Decoding of the parts of a restJson1 request that axum leaves raw: path
//! labels (an ARN arrives percent-encoded in one path segment) and query
//! strings with repeated keys (`tagKeys=a&tagKeys=b`).

/// Percent-decodes `input`; `plus_is_space` for query strings. `None` when the
/// escapes are malformed or the result is not UTF-8.
pub fn percent_decode(input: &str, plus_is_space: bool) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The decoded, non-empty segments of a path: `/tags/arn%3Aaws...` gives
/// `["tags", "arn:aws..."]`.
pub fn path_segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| percent_decode(segment, false))
        .collect()
}

/// The decoded key/value pairs of a query string, in order, repeats kept.
pub fn query_pairs(query: Option<&str>) -> Option<Vec<(String, String)>> {
    let Some(query) = query else {
        return Some(Vec::new());
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(key, true)?, percent_decode(value, true)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_encoded_arn_label() {
        let segments =
            path_segments("/tags/arn%3Aaws%3Athinclient%3Aus-east-1%3A123456789012%3Adevice%2Fabc")
                .unwrap();
        assert_eq!(
            segments,
            vec![
                "tags",
                "arn:aws:thinclient:us-east-1:123456789012:device/abc"
            ]
        );
    }

    #[test]
    fn keeps_repeated_query_keys_and_rejects_bad_escapes() {
        let pairs = query_pairs(Some("tagKeys=a&tagKeys=b%20c&x=1+2")).unwrap();
        assert_eq!(
            pairs,
            vec![
                ("tagKeys".to_string(), "a".to_string()),
                ("tagKeys".to_string(), "b c".to_string()),
                ("x".to_string(), "1 2".to_string()),
            ]
        );
        assert!(query_pairs(Some("a=%zz")).is_none());
        assert!(percent_decode("%4", false).is_none());
    }
}
