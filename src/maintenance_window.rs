//! Maintenance windows as people type them
//! (`custom,MONDAY-FRIDAY,22:00-04:00,utc` or `system`), checked locally
//! with errors that name the bad part, and described back in words.

use aws_sdk_workspacesthinclient::types::{
    ApplyTimeOf, DayOfWeek, MaintenanceWindow, MaintenanceWindowType,
};

use crate::error::{AppError, Result};
use crate::validate::printable;

/// The API's day names, in week order.
pub const DAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    System,
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyTime {
    Utc,
    Device,
}

impl ApplyTime {
    fn api_value(self) -> &'static str {
        match self {
            ApplyTime::Utc => "UTC",
            ApplyTime::Device => "DEVICE",
        }
    }
}

/// A time of day: (hour 0–23, minute 0–59).
pub type Clock = (i32, i32);

/// The parts of a window someone gave; what is missing is taken from the
/// current window on update, or from the service's defaults on create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowInput {
    pub kind: Option<Kind>,
    /// Indices into [`DAYS`], ascending, no duplicates.
    pub days: Option<Vec<usize>>,
    pub start: Option<Clock>,
    pub end: Option<Clock>,
    pub apply_time_of: Option<ApplyTime>,
}

impl WindowInput {
    pub fn is_empty(&self) -> bool {
        *self == WindowInput::default()
    }

    /// `--maintenance-window SPEC` overlaid by the separate flags. Giving
    /// any custom part implies a custom window.
    pub fn from_flags(
        spec: Option<&str>,
        days: Option<&str>,
        time: Option<&str>,
        apply_time_of: Option<ApplyTime>,
    ) -> Result<WindowInput> {
        let mut input = match spec {
            Some(spec) => parse_spec(spec)?,
            None => WindowInput::default(),
        };
        if let Some(days) = days {
            input.days = Some(parse_days(days)?);
        }
        if let Some(time) = time {
            let (start, end) = parse_time_range(time)?;
            input.start = Some(start);
            input.end = Some(end);
        }
        if apply_time_of.is_some() {
            input.apply_time_of = apply_time_of;
        }
        let has_custom_part =
            input.days.is_some() || input.start.is_some() || input.apply_time_of.is_some();
        if has_custom_part {
            if input.kind == Some(Kind::System) {
                return Err(AppError::usage(
                    "a system maintenance window takes no days, times or time reference; \
                     use 'custom' to set them",
                ));
            }
            input.kind = Some(Kind::Custom);
        }
        Ok(input)
    }

    /// What the service holds now, as parts to overlay.
    pub fn from_sdk(window: &MaintenanceWindow) -> WindowInput {
        let kind = match window.r#type() {
            MaintenanceWindowType::Custom => Kind::Custom,
            _ => Kind::System,
        };
        let clock = |h: Option<i32>, m: Option<i32>| h.map(|h| (h, m.unwrap_or(0)));
        WindowInput {
            kind: Some(kind),
            days: window.days_of_the_week.as_ref().map(|days| {
                let mut indices: Vec<usize> = days
                    .iter()
                    .filter_map(|d| DAYS.iter().position(|name| *name == d.as_str()))
                    .collect();
                indices.sort_unstable();
                indices.dedup();
                indices
            }),
            start: clock(window.start_time_hour, window.start_time_minute),
            end: clock(window.end_time_hour, window.end_time_minute),
            apply_time_of: window.apply_time_of().map(|a| match a {
                ApplyTimeOf::Device => ApplyTime::Device,
                _ => ApplyTime::Utc,
            }),
        }
    }

    /// These parts over `base`'s. Switching to a system window drops the
    /// custom parts: a system window carries none.
    pub fn over(self, base: WindowInput) -> WindowInput {
        if self.kind == Some(Kind::System) {
            return self;
        }
        WindowInput {
            kind: self.kind.or(base.kind),
            days: self.days.or(base.days),
            start: self.start.or(base.start),
            end: self.end.or(base.end),
            apply_time_of: self.apply_time_of.or(base.apply_time_of),
        }
    }

    /// The window to send. A custom window needs its start and end; days
    /// default to every day and the time reference to UTC, as the service does.
    pub fn to_sdk(&self) -> Result<MaintenanceWindow> {
        let kind = self.kind.unwrap_or(Kind::Custom);
        let builder = MaintenanceWindow::builder();
        let builder = match kind {
            Kind::System => builder.r#type(MaintenanceWindowType::System),
            Kind::Custom => {
                let (Some(start), Some(end)) = (self.start, self.end) else {
                    return Err(AppError::usage(
                        "a custom maintenance window needs its hours: \
                         --maintenance-window 'custom,MONDAY-FRIDAY,22:00-04:00,utc' \
                         or --window-time 22:00-04:00",
                    ));
                };
                let days: Vec<DayOfWeek> = match &self.days {
                    Some(days) => days.iter().map(|&i| DayOfWeek::from(DAYS[i])).collect(),
                    None => DAYS.iter().map(|d| DayOfWeek::from(*d)).collect(),
                };
                builder
                    .r#type(MaintenanceWindowType::Custom)
                    .start_time_hour(start.0)
                    .start_time_minute(start.1)
                    .end_time_hour(end.0)
                    .end_time_minute(end.1)
                    .set_days_of_the_week(Some(days))
                    .apply_time_of(ApplyTimeOf::from(
                        self.apply_time_of.unwrap_or(ApplyTime::Utc).api_value(),
                    ))
            }
        };
        builder
            .build()
            .map_err(|e| anyhow::anyhow!("building the maintenance window: {e}").into())
    }
}

/// `system`, or `custom` followed by days, a time range and `utc`/`device`
/// in any order, comma-separated.
pub fn parse_spec(spec: &str) -> Result<WindowInput> {
    let bad = |why: String| {
        AppError::usage(format!(
            "invalid --maintenance-window '{}': {why}",
            printable(spec)
        ))
    };
    let mut parts = spec.split(',').map(str::trim);
    let kind = match parts.next().map(str::to_ascii_lowercase).as_deref() {
        Some("system") => Kind::System,
        Some("custom") => Kind::Custom,
        Some(other) => {
            return Err(bad(format!(
                "the first part '{}' must be 'system' or 'custom'",
                printable(other)
            )));
        }
        None => return Err(bad("empty".into())),
    };
    let mut input = WindowInput {
        kind: Some(kind),
        ..WindowInput::default()
    };
    for part in parts {
        if kind == Kind::System {
            return Err(bad(format!(
                "a system window takes nothing more, found '{}'",
                printable(part)
            )));
        }
        let lower = part.to_ascii_lowercase();
        let (what, already) = if lower == "utc" || lower == "device" {
            input.apply_time_of = Some(if lower == "utc" {
                ApplyTime::Utc
            } else {
                ApplyTime::Device
            });
            ("time reference", false)
        } else if part.contains(':') {
            let already = input.start.is_some();
            let (start, end) = parse_time_range(part).map_err(|e| bad(usage_text(e)))?;
            input.start = Some(start);
            input.end = Some(end);
            ("time range", already)
        } else {
            let already = input.days.is_some();
            input.days = Some(parse_days(part).map_err(|e| bad(usage_text(e)))?);
            ("days", already)
        };
        if already {
            return Err(bad(format!("{what} given twice ('{}')", printable(part))));
        }
    }
    Ok(input)
}

fn usage_text(err: AppError) -> String {
    match err {
        AppError::Usage(message) => message,
        other => other.to_string(),
    }
}

/// `MONDAY-FRIDAY`, `mon+wed+fri`, `SAT-MON` (wrapping), `all`/`daily`.
pub fn parse_days(text: &str) -> Result<Vec<usize>> {
    let lower = text.trim().to_ascii_lowercase();
    if lower == "all" || lower == "daily" || lower == "every-day" {
        return Ok((0..7).collect());
    }
    let mut days = Vec::new();
    for piece in text.split('+').map(str::trim) {
        match piece.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (day(from)?, day(to)?);
                let mut i = from;
                loop {
                    days.push(i);
                    if i == to {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            None => days.push(day(piece)?),
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// A day by its API name or first three letters, any case.
fn day(text: &str) -> Result<usize> {
    let upper = text.trim().to_ascii_uppercase();
    DAYS.iter()
        .position(|d| *d == upper || (upper.len() == 3 && d.starts_with(&upper)))
        .ok_or_else(|| {
            AppError::usage(format!(
                "unknown day '{}' (expected MONDAY..SUNDAY or MON..SUN)",
                printable(text)
            ))
        })
}

/// `22:00-04:00`: start and end (an end before the start runs past midnight).
pub fn parse_time_range(text: &str) -> Result<(Clock, Clock)> {
    let Some((start, end)) = text.split_once('-') else {
        return Err(AppError::usage(format!(
            "time range '{}' must be START-END, e.g. 22:00-04:00",
            printable(text)
        )));
    };
    Ok((parse_clock(start)?, parse_clock(end)?))
}

/// `HH:MM`, hours 0–23 and minutes 0–59.
pub fn parse_clock(text: &str) -> Result<Clock> {
    let text = text.trim();
    let Some((hour, minute)) = text.split_once(':') else {
        return Err(AppError::usage(format!(
            "time '{}' must be HH:MM",
            printable(text)
        )));
    };
    let number = |part: &str| {
        (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    };
    match (number(hour), number(minute)) {
        (Some(h), _) if h > 23 => Err(AppError::usage(format!(
            "hour {h} in '{}' is out of range 0-23",
            printable(text)
        ))),
        (_, Some(m)) if m > 59 => Err(AppError::usage(format!(
            "minute {m} in '{}' is out of range 0-59",
            printable(text)
        ))),
        (Some(h), Some(m)) => Ok((h, m)),
        _ => Err(AppError::usage(format!(
            "time '{}' must be HH:MM",
            printable(text)
        ))),
    }
}

/// The window in words: `custom: Monday to Friday, 22:00-04:00 UTC`.
pub fn describe(window: &MaintenanceWindow) -> String {
    let input = WindowInput::from_sdk(window);
    if input.kind != Some(Kind::Custom) {
        return "system: AWS picks the window".to_owned();
    }
    let days = input.days.unwrap_or_else(|| (0..7).collect());
    let clock = |c: Option<Clock>| {
        c.map(|(h, m)| format!("{h:02}:{m:02}"))
            .unwrap_or_else(|| "?".to_owned())
    };
    let reference = match input.apply_time_of {
        Some(ApplyTime::Device) => "device local time",
        _ => "UTC",
    };
    format!(
        "custom: {}, {}-{} {reference}",
        days_in_words(&days),
        clock(input.start),
        clock(input.end)
    )
}

fn days_in_words(days: &[usize]) -> String {
    let name = |i: usize| {
        let upper = DAYS[i];
        format!("{}{}", &upper[..1], upper[1..].to_ascii_lowercase())
    };
    let contiguous = days.windows(2).all(|w| w[1] == w[0] + 1);
    match days {
        [] => "no days".to_owned(),
        _ if days.len() == 7 => "every day".to_owned(),
        [first, .., last] if contiguous && days.len() >= 3 => {
            format!("{} to {}", name(*first), name(*last))
        }
        _ => days.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(err: AppError) -> String {
        assert_eq!(err.exit_code(), 2);
        err.to_string()
    }

    #[test]
    fn a_custom_spec_reads_all_its_parts() {
        let input = parse_spec("custom,MONDAY-FRIDAY,22:00-04:30,utc").unwrap();
        assert_eq!(
            input,
            WindowInput {
                kind: Some(Kind::Custom),
                days: Some(vec![0, 1, 2, 3, 4]),
                start: Some((22, 0)),
                end: Some((4, 30)),
                apply_time_of: Some(ApplyTime::Utc),
            }
        );
        let window = input.to_sdk().unwrap();
        assert_eq!(window.r#type(), &MaintenanceWindowType::Custom);
        assert_eq!(window.end_time_minute(), Some(30));
        assert_eq!(window.days_of_the_week().len(), 5);
        assert_eq!(
            describe(&window),
            "custom: Monday to Friday, 22:00-04:30 UTC"
        );
    }

    #[test]
    fn days_take_short_names_lists_and_wrapping_ranges() {
        assert_eq!(parse_days("sat-mon").unwrap(), vec![0, 5, 6]);
        assert_eq!(parse_days("mon+Wed+FRIDAY").unwrap(), vec![0, 2, 4]);
        assert_eq!(parse_days("all").unwrap().len(), 7);
        let err = message(parse_days("MON-FRY").unwrap_err());
        assert!(err.contains("unknown day 'FRY'"), "{err}");
    }

    #[test]
    fn errors_name_the_bad_part() {
        for (spec, expected) in [
            ("custom,MON-FRI,24:00-04:00", "hour 24 in '24:00'"),
            ("custom,MON-FRI,22:60-04:00", "minute 60 in '22:60'"),
            ("custom,MON-FRY,22:00-04:00", "unknown day 'FRY'"),
            ("custom,MON-FRI,22:00", "must be START-END"),
            ("sometimes", "first part 'sometimes'"),
            ("system,MON", "system window takes nothing more"),
            ("custom,MON,TUE,01:00-02:00", "days given twice"),
            ("custom,MON,1:0x-02:00", "must be HH:MM"),
        ] {
            let err = message(parse_spec(spec).unwrap_err());
            assert!(err.contains(expected), "{spec}: {err}");
            assert!(err.contains("--maintenance-window"), "{spec}: {err}");
        }
    }

    #[test]
    fn flags_overlay_the_spec_and_imply_custom() {
        let input =
            WindowInput::from_flags(None, Some("sat+sun"), Some("01:00-05:00"), None).unwrap();
        assert_eq!(input.kind, Some(Kind::Custom));
        let input = WindowInput::from_flags(
            Some("custom,MON-FRI,22:00-04:00,utc"),
            None,
            Some("23:15-03:00"),
            Some(ApplyTime::Device),
        )
        .unwrap();
        assert_eq!(input.start, Some((23, 15)));
        assert_eq!(input.days, Some(vec![0, 1, 2, 3, 4]));
        assert_eq!(input.apply_time_of, Some(ApplyTime::Device));
        let err = WindowInput::from_flags(Some("system"), Some("MON"), None, None).unwrap_err();
        assert!(message(err).contains("system maintenance window"));
        assert!(
            WindowInput::from_flags(None, None, None, None)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn an_update_keeps_the_parts_not_given() {
        let current = parse_spec("custom,MON-FRI,22:00-04:00,device")
            .unwrap()
            .to_sdk()
            .unwrap();
        let change = WindowInput::from_flags(None, Some("SAT"), None, None).unwrap();
        let merged = change.over(WindowInput::from_sdk(&current));
        let window = merged.to_sdk().unwrap();
        assert_eq!(window.days_of_the_week(), &[DayOfWeek::Saturday]);
        assert_eq!(window.start_time_hour(), Some(22));
        assert_eq!(window.apply_time_of(), Some(&ApplyTimeOf::Device));

        let system = parse_spec("system")
            .unwrap()
            .over(WindowInput::from_sdk(&current));
        let window = system.to_sdk().unwrap();
        assert_eq!(window.r#type(), &MaintenanceWindowType::System);
        assert_eq!(window.start_time_hour(), None);
        assert_eq!(describe(&window), "system: AWS picks the window");
    }

    #[test]
    fn a_custom_window_needs_hours() {
        let input = WindowInput::from_flags(None, Some("MON"), None, None).unwrap();
        let err = message(input.to_sdk().unwrap_err());
        assert!(err.contains("needs its hours"), "{err}");
    }

    #[test]
    fn days_in_words_read_naturally() {
        assert_eq!(days_in_words(&[5, 6]), "Saturday, Sunday");
        assert_eq!(days_in_words(&[0, 1, 2, 3, 4, 5, 6]), "every day");
        assert_eq!(days_in_words(&[1, 2, 3]), "Tuesday to Thursday");
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// A day as people type it: its API name or first three letters, any case.
    fn typed_day(index: usize, short: bool, lower: bool) -> String {
        let name = if short {
            &DAYS[index][..3]
        } else {
            DAYS[index]
        };
        if lower {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        }
    }

    proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*", ascii in "[a-zA-Z0-9:,+ -]{0,40}") {
            for input in [&text, &ascii] {
                let _ = parse_spec(input);
                let _ = parse_days(input);
                let _ = parse_time_range(input);
                let _ = parse_clock(input);
                let _ = WindowInput::from_flags(Some(input), Some(input), Some(input), None);
            }
        }

        #[test]
        fn a_typed_custom_window_round_trips(
            days in proptest::collection::btree_set(0usize..7, 1..=7),
            short in any::<bool>(),
            lower in any::<bool>(),
            start in (0i32..24, 0i32..60),
            end in (0i32..24, 0i32..60),
            device in any::<bool>(),
        ) {
            let typed: Vec<String> = days.iter().map(|&d| typed_day(d, short, lower)).collect();
            let reference = if device { "device" } else { "utc" };
            let spec = format!(
                "custom,{},{:02}:{:02}-{:02}:{:02},{reference}",
                typed.join("+"), start.0, start.1, end.0, end.1
            );
            let input = parse_spec(&spec).unwrap();
            let expected = WindowInput {
                kind: Some(Kind::Custom),
                days: Some(days.into_iter().collect()),
                start: Some(start),
                end: Some(end),
                apply_time_of: Some(if device { ApplyTime::Device } else { ApplyTime::Utc }),
            };
            prop_assert_eq!(&input, &expected);
            // And through the SDK type and back, as an update reads it.
            prop_assert_eq!(WindowInput::from_sdk(&input.to_sdk().unwrap()), expected);
        }

        #[test]
        fn hours_and_minutes_out_of_range_are_refused(hour in 24i32..100, minute in 60i32..100) {
            let (late, long) = (format!("{hour}:00"), format!("00:{minute}"));
            prop_assert!(parse_clock(&late).is_err());
            prop_assert!(parse_clock(&long).is_err());
        }
    }
}
