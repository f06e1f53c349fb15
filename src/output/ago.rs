//! Timestamps as a person reads them in a table ("3 days ago"); JSON and
//! CSV keep RFC 3339, which a script parses.

use std::time::{Duration, SystemTime};

/// `text` as a time relative to `now` when it is an RFC 3339 timestamp,
/// else `None`.
pub fn relative_time(text: &str, now: SystemTime) -> Option<String> {
    // A timestamp is never shorter than `2006-01-02T15:04:05Z`; the length
    // check keeps the parser off every other cell.
    if text.len() < 20 || text.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    let at = humantime::parse_rfc3339_weak(text.trim_end_matches('Z')).ok()?;
    Some(match now.duration_since(at) {
        Ok(past) => match span(past) {
            None => "just now".to_owned(),
            Some(span) => format!("{span} ago"),
        },
        Err(future) => match span(future.duration()) {
            None => "just now".to_owned(),
            Some(span) => format!("in {span}"),
        },
    })
}

/// The largest whole unit of `elapsed` ("3 days"); `None` under a minute.
fn span(elapsed: Duration) -> Option<String> {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let seconds = elapsed.as_secs();
    let (size, unit) = match seconds {
        s if s < MINUTE => return None,
        s if s < HOUR => (MINUTE, "minute"),
        s if s < 2 * DAY => (HOUR, "hour"),
        s if s < 60 * DAY => (DAY, "day"),
        s if s < 730 * DAY => (30 * DAY, "month"),
        _ => (365 * DAY, "year"),
    };
    // To the nearest unit: a date set 25 days ahead still reads "in 25
    // days" a second later.
    let count = (seconds + size / 2) / size;
    Some(if count == 1 {
        format!("1 {unit}")
    } else {
        format!("{count} {unit}s")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_how_long_ago() {
        let now = humantime::parse_rfc3339("2026-11-27T12:00:00Z").unwrap();
        let cases = [
            ("2026-11-24T11:00:00Z", "3 days ago"),
            ("2026-11-27T11:59:30.5Z", "just now"),
            ("2026-11-27T11:00:00Z", "1 hour ago"),
            ("2026-11-26T01:00:00Z", "35 hours ago"),
            ("2026-12-22T11:59:59Z", "in 25 days"),
            ("2026-08-27T12:00:00Z", "3 months ago"),
            ("2023-11-27T12:00:00Z", "3 years ago"),
            ("2026-12-27T12:00:00Z", "in 30 days"),
        ];
        for (at, read) in cases {
            assert_eq!(relative_time(at, now).as_deref(), Some(read), "{at}");
        }
        assert_eq!(relative_time("REGISTERED", now), None);
        assert_eq!(relative_time("2026-11-24 plain text here", now), None);
    }
}
