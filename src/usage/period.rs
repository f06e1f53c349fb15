//! The time range usage is counted over: a calendar month (`--month
//! 2026-10`; by default this month so far), dates (`--since`/`--until`), or
//! the last N days (`--unused-for 60d`). UTC throughout, as WorkSpaces
//! bills months.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::api::cloudwatch::Window;
use crate::error::{AppError, Result};

const DAY: i64 = 86_400;

/// A calendar month, as `--month` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: i64,
    pub month: u32,
}

impl std::str::FromStr for Month {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Month, String> {
        let wrong = || format!("{text:?}: expected a month as YYYY-MM, e.g. 2026-10");
        let (year, month) = text.trim().split_once('-').ok_or_else(wrong)?;
        let year: i64 = year.parse().map_err(|_| wrong())?;
        let month: u32 = month.parse().map_err(|_| wrong())?;
        if !(1..=12).contains(&month) || !(1970..=9999).contains(&year) {
            return Err(wrong());
        }
        Ok(Month { year, month })
    }
}

impl Month {
    fn containing(seconds: i64) -> Month {
        let (year, month, _) = civil_from_days(seconds.div_euclid(DAY));
        Month { year, month }
    }

    fn start(self) -> i64 {
        days_from_civil(self.year, self.month, 1) * DAY
    }

    fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            month => Month {
                year: self.year,
                month: month + 1,
            },
        }
    }
}

/// A point in time as `--since`/`--until` take it: a date (`2026-10-01`,
/// midnight UTC) or an RFC 3339 time (`2026-10-15T12:00:00Z`).
pub fn parse_instant(text: &str) -> std::result::Result<i64, String> {
    let trimmed = text.trim();
    let with_time = if trimmed.len() == 10 {
        format!("{trimmed}T00:00:00Z")
    } else {
        trimmed.to_owned()
    };
    humantime::parse_rfc3339_weak(&with_time)
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map(|since| since.as_secs() as i64)
        .ok_or_else(|| {
            format!("{text:?}: expected a date (2026-10-01) or a UTC time (2026-10-15T12:00:00Z)")
        })
}

/// The range usage is counted over, and how it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub window: Window,
    /// A whole calendar month, over: the thresholds are monthly, and the
    /// Cost Optimizer judges ALWAYS_ON WorkSpaces on whole months only.
    pub whole_month: bool,
}

/// What the command line said about the period.
#[derive(Debug, Clone, Default)]
pub struct PeriodRequest {
    pub month: Option<Month>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub unused_for: Option<Duration>,
}

impl PeriodRequest {
    /// The period at `now` (epoch seconds).
    pub fn resolve(&self, now: i64) -> Result<Period> {
        let (start, end, whole_month) = if let Some(month) = self.month {
            let (start, end) = (month.start(), month.next().start());
            if start > now {
                return Err(AppError::usage(format!(
                    "--month {}-{:02} has not begun",
                    month.year, month.month
                )));
            }
            (start, end.min(now), end <= now)
        } else if let Some(unused_for) = self.unused_for {
            (now - unused_for.as_secs() as i64, now, false)
        } else if self.since.is_some() || self.until.is_some() {
            let until = self.until.unwrap_or(now).min(now);
            let since = self
                .since
                .unwrap_or_else(|| Month::containing(until).start());
            (since, until, false)
        } else {
            (Month::containing(now).start(), now, false)
        };
        if end <= start {
            return Err(AppError::usage(
                "the period is empty: --since must come before --until, and before now",
            ));
        }
        Ok(Period {
            window: Window::aligned(start, end),
            whole_month,
        })
    }
}

/// Now, in epoch seconds.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

/// A time in epoch seconds as `2026-10-01T00:00:00Z`.
pub fn rfc3339(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(DAY));
    let of_day = seconds.rem_euclid(DAY);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-27T09:30:00Z.
    const NOW: i64 = 1_795_771_800;

    #[test]
    fn dates_convert_both_ways() {
        assert_eq!(rfc3339(NOW), "2026-11-27T09:30:00Z");
        assert_eq!(parse_instant("2026-11-27T09:30:00Z"), Ok(NOW));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2028, 2, 29)), (2028, 2, 29));
        assert_eq!(
            parse_instant("2026-10-01").map(rfc3339),
            Ok("2026-10-01T00:00:00Z".to_owned())
        );
        assert!(parse_instant("yesterday").is_err());
    }

    #[test]
    fn a_past_month_is_whole_and_this_one_is_so_far() {
        let october = PeriodRequest {
            month: Some("2026-10".parse().unwrap()),
            ..PeriodRequest::default()
        };
        let period = october.resolve(NOW).unwrap();
        assert_eq!(rfc3339(period.window.start), "2026-10-01T00:00:00Z");
        assert_eq!(rfc3339(period.window.end), "2026-11-01T00:00:00Z");
        assert!(period.whole_month);
        assert_eq!(period.window.periods(), 31 * 288);

        let so_far = PeriodRequest::default().resolve(NOW).unwrap();
        assert_eq!(rfc3339(so_far.window.start), "2026-11-01T00:00:00Z");
        assert_eq!(so_far.window.end, NOW);
        assert!(!so_far.whole_month);

        let december = PeriodRequest {
            month: Some("2026-12".parse().unwrap()),
            ..PeriodRequest::default()
        };
        assert_eq!(december.resolve(NOW).unwrap_err().exit_code(), 2);
        assert!("2026-13".parse::<Month>().is_err());
        assert!("October".parse::<Month>().is_err());
    }

    #[test]
    fn since_until_and_unused_for() {
        let dates = PeriodRequest {
            since: Some(parse_instant("2026-11-02").unwrap()),
            until: Some(parse_instant("2026-11-09").unwrap()),
            ..PeriodRequest::default()
        };
        assert_eq!(dates.resolve(NOW).unwrap().window.periods(), 7 * 288);
        let unused = PeriodRequest {
            unused_for: Some(Duration::from_secs(60 * DAY as u64)),
            ..PeriodRequest::default()
        };
        let window = unused.resolve(NOW).unwrap().window;
        assert_eq!(window.end - window.start, 60 * DAY);
        let backwards = PeriodRequest {
            since: Some(NOW),
            until: Some(NOW - DAY),
            ..PeriodRequest::default()
        };
        assert!(backwards.resolve(NOW).is_err());
    }
}
