//! Deterministic usage profiles: when each seeded WorkSpace's user is
//! connected, as a function of the time alone, so any period (a past
//! month, this month so far) gives the same answer on every run.
//!
//! Each kind of recommendation has WorkSpaces behind it: heavy users cross
//! every monthly threshold but Graphics.g4dn's (334 h), light and idle ones
//! stay far under all of them, and some WorkSpaces are never used.

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::UsageSubject;

/// The tag that opts a WorkSpace out of the Cost Optimizer's conversions.
/// Its WorkSpaces are heavy users, so that skipping them matters.
const SKIP_CONVERT_TAG: &str = "Skip_Convert";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Weekdays 08:00-17:30 UTC with a 40-minute lunch break: one session a
    /// day of 9 h 30 min (the break is shorter than any idle timeout).
    Heavy,
    /// Tuesdays and Thursdays 09:00-11:00 UTC.
    Light,
    /// Mondays 14:00-14:20 UTC.
    Idle,
    /// Never connected.
    Never,
}

impl Profile {
    /// The profile of a WorkSpace: never used when no user ever connected,
    /// heavy when tagged `Skip_Convert`, otherwise drawn from its id.
    pub fn of(workspace_id: &str, subject: &UsageSubject) -> Profile {
        if subject.last_user_connection.is_none() {
            return Profile::Never;
        }
        if subject.tag_keys.iter().any(|key| key == SKIP_CONVERT_TAG) {
            return Profile::Heavy;
        }
        match fnv1a(workspace_id) % 8 {
            0..=2 => Profile::Heavy,
            3..=4 => Profile::Light,
            5..=6 => Profile::Idle,
            _ => Profile::Never,
        }
    }

    /// Whether the user is connected at `at` (the start of a 5-minute period).
    pub fn connected(self, at: DateTime<Utc>) -> bool {
        let weekday = at.weekday().num_days_from_monday();
        let minute = at.hour() * 60 + at.minute();
        match self {
            Profile::Heavy => {
                weekday < 5 && (480..1050).contains(&minute) && !(720..760).contains(&minute)
            }
            Profile::Light => (weekday == 1 || weekday == 3) && (540..660).contains(&minute),
            Profile::Idle => weekday == 0 && (840..860).contains(&minute),
            Profile::Never => false,
        }
    }
}

/// A stable hash (FNV-1a): the same id gives the same profile on every
/// build and platform, which `std`'s hasher does not promise.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        // October 2026: the 1st is a Thursday.
        Utc.with_ymd_and_hms(2026, 10, day, hour, minute, 0)
            .unwrap()
    }

    #[test]
    fn the_profiles_follow_the_clock() {
        assert!(Profile::Heavy.connected(at(1, 8, 0)));
        assert!(!Profile::Heavy.connected(at(1, 12, 10)));
        assert!(Profile::Heavy.connected(at(1, 17, 25)));
        assert!(!Profile::Heavy.connected(at(3, 10, 0)), "a Saturday");
        assert!(Profile::Light.connected(at(6, 10, 55)), "a Tuesday");
        assert!(!Profile::Light.connected(at(7, 10, 0)), "a Wednesday");
        assert!(Profile::Idle.connected(at(5, 14, 15)), "a Monday");
        assert!(!Profile::Idle.connected(at(5, 14, 20)));
    }

    #[test]
    fn skip_convert_is_heavy_and_no_connection_is_never() {
        let tagged = UsageSubject {
            running_mode: "AUTO_STOP".to_owned(),
            last_user_connection: Some(at(1, 9, 0)),
            tag_keys: vec![SKIP_CONVERT_TAG.to_owned()],
        };
        assert_eq!(Profile::of("ws-anything", &tagged), Profile::Heavy);
        let unused = UsageSubject {
            last_user_connection: None,
            ..tagged
        };
        assert_eq!(Profile::of("ws-anything", &unused), Profile::Never);
    }
}
