//! The one syntax of every time option (`--wait-timeout`, `--timeout`,
//! `--connect-timeout`, `report --stale` and `--within`): plain seconds
//! (`90`), or amounts with units as humantime reads them (`90s`, `10m`,
//! `2h`, `30d`, `2w`, `1h30m`, `1h 30m`). Zero is never a useful bound, so
//! it is refused (but by [`zero_or_at_most`], where zero means "never"); a
//! negative amount does not parse.

use std::time::Duration;

/// The forms, as help and errors show them.
pub const FORMS: &str = "90, 90s, 10m, 2h, 30d, 2w, 1h30m";

/// Reads a duration; the error says what was expected (clap adds the
/// option and the value).
pub fn parse(text: &str) -> Result<Duration, String> {
    match read(text)? {
        duration if duration.is_zero() => Err("must be more than zero".to_owned()),
        duration => Ok(duration),
    }
}

/// Reads a duration, zero included.
fn read(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    // A bare number is seconds: humantime insists on a unit.
    let parsed = if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        trimmed.parse::<u64>().ok().map(Duration::from_secs)
    } else {
        humantime::parse_duration(trimmed).ok()
    };
    parsed.ok_or_else(|| format!("expected a duration: {FORMS}"))
}

/// A clap value parser for a setting where zero means "never" (a pool's
/// idle disconnect timeout): zero up to `seconds`.
pub fn zero_or_at_most(
    seconds: u64,
) -> impl Fn(&str) -> Result<Duration, String> + Clone + Send + Sync + 'static {
    let max = Duration::from_secs(seconds);
    move |text| match read(text)? {
        duration if duration > max => Err(format!(
            "must be between 0 and {} ({seconds} seconds)",
            compact(max)
        )),
        duration => Ok(duration),
    }
}

/// A clap value parser for a positive duration of at most `max` (when
/// given), so an out-of-range value is exit 2 before any request.
pub fn parser(
    max: Option<Duration>,
) -> impl Fn(&str) -> Result<Duration, String> + Clone + Send + Sync + 'static {
    move |text| {
        let duration = parse(text)?;
        match max {
            Some(max) if duration > max => Err(format!(
                "must be between 1s and {} ({} seconds)",
                compact(max),
                max.as_secs()
            )),
            _ => Ok(duration),
        }
    }
}

/// A positive duration with no upper bound.
pub fn positive() -> impl Fn(&str) -> Result<Duration, String> + Clone + Send + Sync + 'static {
    parser(None)
}

/// A positive duration of at most `seconds`.
pub fn at_most(
    seconds: u64,
) -> impl Fn(&str) -> Result<Duration, String> + Clone + Send + Sync + 'static {
    parser(Some(Duration::from_secs(seconds)))
}

/// A spelling in the same syntax, whole seconds: one unit when it divides
/// evenly in minutes or more (`2w`, `30d`, `90m`), else days down to
/// seconds (`45s`, `1m30s`);
/// under a second, milliseconds.
pub fn compact(duration: Duration) -> String {
    const UNITS: [(u64, &str); 5] = [
        (7 * 86_400, "w"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let seconds = duration.as_secs();
    if seconds == 0 {
        return format!("{}ms", duration.as_millis());
    }
    if let Some((size, unit)) = UNITS[..4]
        .iter()
        .find(|(size, _)| seconds.is_multiple_of(*size))
    {
        return format!("{}{unit}", seconds / size);
    }
    let mut left = seconds;
    let mut text = String::new();
    for (size, unit) in &UNITS[1..] {
        if left >= *size {
            text.push_str(&format!("{}{unit}", left / size));
            left %= size;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_as_seconds() {
        for (text, seconds) in [
            ("90", 90),
            ("90s", 90),
            ("10m", 600),
            ("2h", 7_200),
            ("30d", 2_592_000),
            ("2w", 1_209_600),
            ("1h30m", 5_400),
            ("1h 30m", 5_400),
            (" 45 ", 45),
            ("1d12h", 129_600),
        ] {
            assert_eq!(parse(text), Ok(Duration::from_secs(seconds)), "{text}");
        }
    }

    #[test]
    fn zero_is_read_where_it_means_never() {
        let idle = zero_or_at_most(36_000);
        assert_eq!(idle("0"), Ok(Duration::ZERO));
        assert_eq!(idle("0s"), Ok(Duration::ZERO));
        assert_eq!(idle("10h"), Ok(Duration::from_secs(36_000)));
        assert!(idle("10h1s").is_err());
        assert!(idle("-1").is_err());
    }

    #[test]
    fn zero_negative_and_unknown_units_are_refused() {
        for bad in ["0", "0s", "0m0s", "-5", "abc", "10x", "", "m", "1.5.h"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("0").unwrap_err(), "must be more than zero");
        assert!(parse("10x").unwrap_err().contains(FORMS));
    }

    #[test]
    fn bounds_name_the_range() {
        let timeout = at_most(3_600);
        assert_eq!(timeout("1h"), Ok(Duration::from_secs(3_600)));
        let err = timeout("2h").unwrap_err();
        assert!(err.contains("between 1s and 1h (3600 seconds)"), "{err}");
        assert!(positive()("30d").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*") {
            let _ = parse(&text);
        }

        #[test]
        fn numbers_with_units_round_trip(n in 1u64..1_000_000, unit in 0usize..6) {
            let (suffix, seconds) = [("", 1), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800)][unit];
            proptest::prop_assert_eq!(parse(&format!("{n}{suffix}")), Ok(Duration::from_secs(n * seconds)));
        }
    }

    #[test]
    fn compact_spelling_round_trips() {
        for (seconds, text) in [
            (1_209_600, "2w"),
            (5_400, "90m"),
            (90, "1m30s"),
            (2_592_000, "30d"),
            (90_061, "1d1h1m1s"),
        ] {
            assert_eq!(compact(Duration::from_secs(seconds)), text);
            assert_eq!(parse(text), Ok(Duration::from_secs(seconds)));
        }
    }
}
