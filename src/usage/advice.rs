//! The running mode a WorkSpace should have, judged as the Cost Optimizer
//! for Amazon WorkSpaces judges it: an AUTO_STOP WorkSpace whose billable
//! hours exceed its compute type's monthly threshold costs less ALWAYS_ON;
//! an ALWAYS_ON one whose hours stay at or under it costs less AUTO_STOP.
//! A WorkSpace tagged `Skip_Convert` is reported and never changed.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use aws_sdk_workspaces::types::{Compute, RunningMode};

/// The tag key (any value) that opts a WorkSpace out, as the Cost Optimizer's.
pub const SKIP_CONVERT_TAG: &str = "Skip_Convert";

/// The Cost Optimizer's default monthly thresholds, in billable hours, near
/// each type's break-even between hourly and monthly billing.
const DEFAULT_THRESHOLDS: &[(&str, u32)] = &[
    ("VALUE", 81),
    ("STANDARD", 85),
    ("PERFORMANCE", 80),
    ("POWER", 92),
    ("POWERPRO", 78),
    ("GRAPHICS_G4DN", 334),
    ("GRAPHICSPRO_G4DN", 80),
];

/// `--threshold Type=N`: a compute type (as the API spells it, or as the
/// Cost Optimizer's documents do: `Graphics.g4dn`, any case) and its hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdOverride {
    pub compute_type: String,
    pub hours: u32,
}

impl FromStr for ThresholdOverride {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (name, hours) = text
            .split_once('=')
            .ok_or_else(|| "expected TYPE=HOURS, e.g. Standard=90".to_owned())?;
        let wanted = name.trim().to_ascii_uppercase().replace(['.', '-'], "_");
        let compute_type = Compute::values()
            .iter()
            .find(|known| **known == wanted)
            .ok_or_else(|| {
                format!(
                    "unknown compute type {:?}; known: {}",
                    name.trim(),
                    Compute::values().join(", ")
                )
            })?;
        let hours = hours
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("{:?} is not a whole number of hours", hours.trim()))?;
        Ok(ThresholdOverride {
            compute_type: (*compute_type).to_owned(),
            hours,
        })
    }
}

/// The monthly threshold of each compute type: the defaults, then overrides.
#[derive(Debug, Clone)]
pub struct Thresholds(BTreeMap<String, u32>);

impl Thresholds {
    pub fn new(overrides: &[ThresholdOverride]) -> Thresholds {
        let mut thresholds: BTreeMap<String, u32> = DEFAULT_THRESHOLDS
            .iter()
            .map(|(name, hours)| ((*name).to_owned(), *hours))
            .collect();
        for each in overrides {
            thresholds.insert(each.compute_type.clone(), each.hours);
        }
        Thresholds(thresholds)
    }

    pub fn of(&self, compute_type: &str) -> Option<u32> {
        self.0.get(compute_type).copied()
    }
}

/// What to do with a WorkSpace's running mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Switch to the recommended mode.
    Switch,
    /// Its mode is the cheaper one.
    Keep,
    /// Tagged `Skip_Convert`: reported, never changed.
    Skip,
    /// No threshold for its compute type, or a mode the rule does not judge.
    NotJudged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Switch => "switch",
            Action::Keep => "keep",
            Action::Skip => "skip",
            Action::NotJudged => "not-judged",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The recommendation for one WorkSpace, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub action: Action,
    /// The cheaper mode, when the rule judged it (even when skipped).
    pub recommended: Option<RunningMode>,
    pub reason: String,
}

/// What the rule needs to know of one WorkSpace.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    pub running_mode: Option<&'a RunningMode>,
    pub compute_type: Option<&'a str>,
    pub billable_hours: u32,
    pub skip_convert: bool,
}

pub fn advise(workspace: Judged<'_>, thresholds: &Thresholds) -> Advice {
    let hours = workspace.billable_hours;
    let not_judged = |reason: String| Advice {
        action: Action::NotJudged,
        recommended: None,
        reason,
    };
    let Some(compute_type) = workspace.compute_type else {
        return not_judged("no compute type".to_owned());
    };
    let Some(threshold) = thresholds.of(compute_type) else {
        return not_judged(format!(
            "no threshold for {compute_type} (pass --threshold {compute_type}=HOURS)"
        ));
    };
    let (recommended, reason) = match workspace.running_mode {
        Some(RunningMode::AutoStop) if hours > threshold => (
            RunningMode::AlwaysOn,
            format!("{hours} h > {threshold} h: monthly billing costs less"),
        ),
        Some(RunningMode::AutoStop) => (
            RunningMode::AutoStop,
            format!("{hours} h <= {threshold} h: hourly billing costs less"),
        ),
        Some(RunningMode::AlwaysOn) if hours <= threshold => (
            RunningMode::AutoStop,
            format!("{hours} h <= {threshold} h: hourly billing costs less"),
        ),
        Some(RunningMode::AlwaysOn) => (
            RunningMode::AlwaysOn,
            format!("{hours} h > {threshold} h: monthly billing costs less"),
        ),
        Some(other) => {
            return not_judged(format!("{} is not judged", other.as_str()));
        }
        None => return not_judged("no running mode".to_owned()),
    };
    let changes = workspace.running_mode != Some(&recommended);
    if changes && workspace.skip_convert {
        return Advice {
            action: Action::Skip,
            recommended: Some(recommended),
            reason: format!("tagged {SKIP_CONVERT_TAG}; {reason}"),
        };
    }
    Advice {
        action: if changes {
            Action::Switch
        } else {
            Action::Keep
        },
        recommended: Some(recommended),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(mode: RunningMode, compute: &str, hours: u32, skip: bool) -> Advice {
        let thresholds = Thresholds::new(&["Standard=90".parse().unwrap()]);
        advise(
            Judged {
                running_mode: Some(&mode),
                compute_type: Some(compute),
                billable_hours: hours,
                skip_convert: skip,
            },
            &thresholds,
        )
    }

    #[test]
    fn auto_stop_switches_only_above_the_threshold() {
        // VALUE's default threshold is 81: 81 h keeps, 82 h switches.
        assert_eq!(
            judge(RunningMode::AutoStop, "VALUE", 81, false).action,
            Action::Keep
        );
        let above = judge(RunningMode::AutoStop, "VALUE", 82, false);
        assert_eq!(above.action, Action::Switch);
        assert_eq!(above.recommended, Some(RunningMode::AlwaysOn));
        assert_eq!(above.reason, "82 h > 81 h: monthly billing costs less");
    }

    #[test]
    fn always_on_switches_at_or_under_the_threshold() {
        // POWER: 92 h.
        let at = judge(RunningMode::AlwaysOn, "POWER", 92, false);
        assert_eq!(
            (at.action, at.recommended),
            (Action::Switch, Some(RunningMode::AutoStop))
        );
        assert_eq!(
            judge(RunningMode::AlwaysOn, "POWER", 93, false).action,
            Action::Keep
        );
    }

    #[test]
    fn an_override_replaces_the_default() {
        // STANDARD is 85 by default, 90 here: 88 h keeps AUTO_STOP.
        assert_eq!(
            judge(RunningMode::AutoStop, "STANDARD", 88, false).action,
            Action::Keep
        );
        assert_eq!(
            judge(RunningMode::AutoStop, "STANDARD", 91, false).action,
            Action::Switch
        );
    }

    #[test]
    fn skip_convert_is_reported_with_what_it_would_have_been() {
        let skipped = judge(RunningMode::AutoStop, "STANDARD", 200, true);
        assert_eq!(skipped.action, Action::Skip);
        assert_eq!(skipped.recommended, Some(RunningMode::AlwaysOn));
        assert!(
            skipped
                .reason
                .starts_with("tagged Skip_Convert; 200 h > 90 h")
        );
        // Nothing to change: keep, tagged or not.
        assert_eq!(
            judge(RunningMode::AutoStop, "STANDARD", 3, true).action,
            Action::Keep
        );
    }

    #[test]
    fn types_without_a_threshold_and_manual_are_not_judged() {
        let graphics = judge(RunningMode::AutoStop, "GRAPHICS", 500, false);
        assert_eq!(graphics.action, Action::NotJudged);
        assert_eq!(
            graphics.reason,
            "no threshold for GRAPHICS (pass --threshold GRAPHICS=HOURS)"
        );
        assert_eq!(
            judge(RunningMode::Manual, "VALUE", 500, false).action,
            Action::NotJudged
        );
    }

    #[test]
    fn overrides_read_the_documents_spellings() {
        let parsed: ThresholdOverride = "Graphics.g4dn=300".parse().unwrap();
        assert_eq!(parsed.compute_type, "GRAPHICS_G4DN");
        assert_eq!(parsed.hours, 300);
        assert_eq!(
            "powerpro = 70"
                .parse::<ThresholdOverride>()
                .unwrap()
                .compute_type,
            "POWERPRO"
        );
        assert!("Standard".parse::<ThresholdOverride>().is_err());
        assert!(
            "Huge=3"
                .parse::<ThresholdOverride>()
                .unwrap_err()
                .contains("unknown compute type")
        );
        assert!("Standard=-1".parse::<ThresholdOverride>().is_err());
    }
}
