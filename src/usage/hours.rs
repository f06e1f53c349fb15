//! Billable hours from a WorkSpace's `UserConnected` metric, counted the way
//! AWS's Cost Optimizer for Amazon WorkSpaces counts them, so our figures
//! match the ones its reports show:
//!
//! - the input is the `AWS/WorkSpaces` `UserConnected` Maximum over 5-minute
//!   periods (1 while a user was connected at any time in the period);
//! - a session starts at a connected period and ends once a run of idle
//!   periods lasts as long as the WorkSpace's AutoStop timeout (an hour for
//!   ALWAYS_ON, which has none): idle gaps shorter than that keep the
//!   WorkSpace running, so they are part of the session;
//! - each session is rounded up to whole hours, and the idle timeout, the
//!   time the WorkSpace keeps running after the user left, is added once per
//!   session.

/// The length of one `UserConnected` period.
pub const PERIOD_SECONDS: i64 = 300;
const PERIOD_MINUTES: u32 = 5;

/// The idle timeout the Cost Optimizer assumes for an ALWAYS_ON WorkSpace.
pub const ALWAYS_ON_IDLE_MINUTES: u32 = 60;

/// What one WorkSpace's series adds up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub billable_hours: u32,
    pub sessions: u32,
    /// Periods in which a user was connected: 0 means unused.
    pub connected_periods: u32,
}

/// Counts a series of connected/idle 5-minute periods, oldest first, with
/// every period of the time range present (see [`dense`]).
pub fn billable_hours(connected: &[bool], idle_timeout_minutes: u32) -> Usage {
    let idle_periods = (idle_timeout_minutes / PERIOD_MINUTES).max(1) as usize;
    let timeout_hours = idle_timeout_minutes.div_ceil(60);
    let mut usage = Usage::default();
    // The first and the last connected period of the session under way.
    let mut session: Option<(usize, usize)> = None;
    let close = |first: usize, last: usize, usage: &mut Usage| {
        let minutes = (last - first + 1) as u32 * PERIOD_MINUTES;
        usage.billable_hours += minutes.div_ceil(60) + timeout_hours;
        usage.sessions += 1;
    };
    for (index, &is_connected) in connected.iter().enumerate() {
        if is_connected {
            usage.connected_periods += 1;
            session = Some(session.map_or((index, index), |(first, _)| (first, index)));
        } else if let Some((first, last)) = session
            && index - last >= idle_periods
        {
            close(first, last, &mut usage);
            session = None;
        }
    }
    // A session still open when the range ends (month end) counts as if it
    // ended there: the WorkSpace runs on into the next range, which bills
    // that time itself.
    if let Some((first, last)) = session {
        close(first, last, &mut usage);
    }
    usage
}

/// The periods of `[start, start + periods × 5 min)` as connected or idle,
/// from CloudWatch's points (epoch seconds, Maximum), which leave out the
/// periods with no data: those were idle.
pub fn dense(start: i64, periods: usize, points: &[(i64, f64)]) -> Vec<bool> {
    let mut connected = vec![false; periods];
    for &(timestamp, maximum) in points {
        let offset = timestamp - start;
        if offset < 0 || maximum < 1.0 {
            continue;
        }
        if let Some(slot) = connected.get_mut((offset / PERIOD_SECONDS) as usize) {
            *slot = true;
        }
    }
    connected
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A series built from runs: (connected?, number of 5-minute periods).
    fn series(runs: &[(bool, usize)]) -> Vec<bool> {
        runs.iter()
            .flat_map(|&(connected, periods)| std::iter::repeat_n(connected, periods))
            .collect()
    }

    const ON: bool = true;
    const OFF: bool = false;

    #[test]
    fn a_single_session_is_rounded_up_and_gets_the_timeout_once() {
        // 2 h 05 min connected (25 periods) → rounded up to 3 h, + 1 h timeout = 4 h.
        let usage = billable_hours(&series(&[(OFF, 10), (ON, 25), (OFF, 40)]), 60);
        assert_eq!(usage.billable_hours, 4);
        assert_eq!(usage.sessions, 1);
        assert_eq!(usage.connected_periods, 25);
    }

    #[test]
    fn an_idle_gap_just_under_the_timeout_keeps_the_session() {
        // Timeout 60 min = 12 periods. 30 min on (6), 55 min off (11), 30 min on (6):
        // one session of 6 + 11 + 6 = 23 periods = 115 min → 2 h, + 1 h = 3 h.
        let usage = billable_hours(&series(&[(ON, 6), (OFF, 11), (ON, 6), (OFF, 30)]), 60);
        assert_eq!(usage.billable_hours, 3);
        assert_eq!(usage.sessions, 1);
    }

    #[test]
    fn an_idle_gap_as_long_as_the_timeout_ends_the_session() {
        // 30 min on, 60 min off (12 periods = the timeout), 30 min on: two sessions,
        // each 30 min → 1 h, + 1 h = 2 h; 2 × 2 h = 4 h.
        let usage = billable_hours(&series(&[(ON, 6), (OFF, 12), (ON, 6), (OFF, 30)]), 60);
        assert_eq!(usage.billable_hours, 4);
        assert_eq!(usage.sessions, 2);
        // Just over the timeout (65 min) is two sessions as well: 4 h.
        let usage = billable_hours(&series(&[(ON, 6), (OFF, 13), (ON, 6)]), 60);
        assert_eq!(usage.billable_hours, 4);
    }

    #[test]
    fn a_longer_auto_stop_timeout_joins_more_and_adds_more() {
        // Timeout 120 min = 24 periods, 2 h added a session.
        // 1 h on (12), 90 min off (18 < 24), 1 h on (12), 2 h off (24 = timeout),
        // 10 min on (2), then off to the end:
        // session 1: 12 + 18 + 12 = 42 periods = 210 min → 4 h, + 2 h = 6 h;
        // session 2: 10 min → 1 h, + 2 h = 3 h; total 9 h.
        let usage = billable_hours(
            &series(&[(ON, 12), (OFF, 18), (ON, 12), (OFF, 24), (ON, 2), (OFF, 50)]),
            120,
        );
        assert_eq!(usage.billable_hours, 9);
        assert_eq!(usage.sessions, 2);
    }

    #[test]
    fn an_always_on_workspace_is_counted_with_a_one_hour_timeout() {
        // ALWAYS_ON: 60 min. A working day 09:00-17:00 with a 45-min lunch
        // (9 periods < 12, one session): 8 h = 96 periods → 8 h, + 1 h = 9 h.
        // Five such days, each ended by the night's idle run: 5 × 9 h = 45 h.
        let day = [(OFF, 108), (ON, 39), (OFF, 9), (ON, 48), (OFF, 84)];
        assert_eq!(day.iter().map(|run| run.1).sum::<usize>(), 288);
        let week: Vec<(bool, usize)> = std::iter::repeat_n(day, 5).flatten().collect();
        let usage = billable_hours(&series(&week), ALWAYS_ON_IDLE_MINUTES);
        assert_eq!(usage.billable_hours, 45);
        assert_eq!(usage.sessions, 5);
    }

    #[test]
    fn a_session_open_at_month_end_still_counts() {
        // The range ends 20 min into a session (4 periods): 20 min → 1 h, + 1 h = 2 h;
        // with an earlier 65-min session (13 periods → 2 h, + 1 h = 3 h): 5 h.
        let usage = billable_hours(&series(&[(ON, 13), (OFF, 100), (ON, 4)]), 60);
        assert_eq!(usage.billable_hours, 5);
        assert_eq!(usage.sessions, 2);
    }

    #[test]
    fn no_connection_is_no_hours_and_unused() {
        assert_eq!(billable_hours(&[false; 500], 60), Usage::default());
        assert_eq!(billable_hours(&[], 60), Usage::default());
    }

    #[test]
    fn sparse_points_become_idle_periods() {
        // Points at 0, 10 and 25 min (periods 0, 2, 5); a 0 Maximum and a
        // point before the range are idle; one past the end is dropped.
        let start = 1_000_000;
        let points = [
            (start - 300, 1.0),
            (start, 1.0),
            (start + 600, 1.0),
            (start + 900, 0.0),
            (start + 1500, 1.0),
            (start + 1800, 1.0),
        ];
        assert_eq!(
            dense(start, 6, &points),
            vec![true, false, true, false, false, true]
        );
    }
}
