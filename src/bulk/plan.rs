//! The plan of a bulk change: each target as it was found, what changes on
//! it (before → after), and what the run will do with it: send it, or leave
//! it out because the change would fail or do nothing. Every mutating verb
//! feeds one, and it alone is drawn (dry run, and before the question), so
//! every plan says the same things the same way.

use std::collections::HashMap;
use std::fmt::Display;

use serde_json::Value;

use super::{Executor, Outcome};
use crate::cli::{BulkArgs, ConfirmArgs};
use crate::context::Context;
use crate::error::Result;
use crate::output::{Resource, View};
use crate::resources::names::show_names;
use crate::scope::{PlaceId, Placed, Places};

/// How many targets the plan on stderr lists before "... and N more".
pub const PLAN_ROWS: usize = 20;

/// The outcomes a plan settles before any request, by target.
pub type Settled = HashMap<(PlaceId, String), Outcome>;

/// What the run does with a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Send,
    /// Left out, unsent: the change would fail or do nothing. Not a failure.
    LeftOut(String),
    /// Not where it was looked up: left out, unsent, and a failure of the
    /// run (a mistyped ID is a mistake a script must hear of).
    NotFound,
}

/// One field a change sets, as it is and as it will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    /// `None`: the service reports no value.
    pub before: Option<String>,
    pub after: String,
    /// `after` is a list of edits ("+10.0.0.0/8, -192.0.2.0/24"), shown
    /// alone: a list's before and after in full would not fit a cell.
    pub edits: bool,
}

impl FieldChange {
    fn unchanged(&self) -> bool {
        self.before.as_deref() == Some(self.after.as_str())
    }

    fn shown(&self) -> String {
        if self.edits {
            return format!("{}: {}", self.field, self.after);
        }
        format!(
            "{}: {} → {}",
            self.field,
            self.before.as_deref().unwrap_or("-"),
            self.after
        )
    }
}

/// One target of a plan.
#[derive(Debug, Clone)]
pub struct Planned<T> {
    pub place: PlaceId,
    pub id: String,
    /// The target as found (a stand-in holding only the ID when not found).
    pub item: T,
    pub changes: Vec<FieldChange>,
    pub verdict: Verdict,
}

impl<T> Planned<T> {
    /// A target found and, so far, sent.
    pub fn found(place: PlaceId, id: impl Into<String>, item: T) -> Self {
        Planned {
            place,
            id: id.into(),
            item,
            changes: Vec::new(),
            verdict: Verdict::Send,
        }
    }

    /// A target the lookup did not find; `stand_in` holds its ID for the table.
    pub fn not_found(place: PlaceId, id: impl Into<String>, stand_in: T) -> Self {
        Planned {
            verdict: Verdict::NotFound,
            ..Planned::found(place, id, stand_in)
        }
    }

    /// The value `field` takes, when the command sets it (`after` given).
    pub fn change(
        &mut self,
        field: &'static str,
        before: Option<impl Display>,
        after: Option<impl Display>,
    ) -> &mut Self {
        if let Some(after) = after {
            self.changes.push(FieldChange {
                field,
                before: before.map(|b| b.to_string()),
                after: after.to_string(),
                edits: false,
            });
        }
        self
    }

    /// A list field's edits ("+10.0.0.0/8 (office)", "-192.0.2.0/24"), in
    /// the order given; none is a change that does nothing (`unchanged`).
    pub fn edit(&mut self, field: &'static str, edits: &[String]) -> &mut Self {
        let after = edits.join(", ");
        self.changes.push(FieldChange {
            field,
            before: edits.is_empty().then(|| after.clone()),
            after,
            edits: true,
        });
        self
    }

    /// Leaves the target out for `reason`, unless something already did.
    pub fn leave_out(&mut self, reason: impl Into<String>) -> &mut Self {
        if self.verdict == Verdict::Send {
            self.verdict = Verdict::LeftOut(reason.into());
        }
        self
    }

    /// Leaves the target out unless its state is one the action accepts:
    /// "STOPPED (reboot needs AVAILABLE, UNHEALTHY or REBOOTING)".
    pub fn needs_state(
        &mut self,
        state: Option<&str>,
        action: &str,
        accepted: &[&str],
    ) -> &mut Self {
        let state = state.unwrap_or("UNKNOWN");
        if !accepted.contains(&state) {
            self.leave_out(format!("{state} ({action} needs {})", one_of(accepted)));
        }
        self
    }

    /// A change that sets every field to the value it already has does
    /// nothing: `unchanged`, left out. The fields a partial change leaves
    /// as they are are not shown.
    pub fn settle_unchanged(&mut self) -> &mut Self {
        if !self.changes.is_empty() && self.changes.iter().all(FieldChange::unchanged) {
            self.leave_out("unchanged");
        } else {
            self.changes.retain(|c| !c.unchanged());
        }
        self
    }

    fn changes_cell(&self) -> Option<Value> {
        (!self.changes.is_empty()).then(|| {
            Value::from(
                self.changes
                    .iter()
                    .map(FieldChange::shown)
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
    }

    fn verdict_cell(&self, action: &str) -> Value {
        Value::from(match &self.verdict {
            Verdict::Send => action.to_owned(),
            Verdict::LeftOut(reason) => format!("left out: {reason}"),
            Verdict::NotFound => "not found".to_owned(),
        })
    }
}

/// "A, B or C".
fn one_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A verb's plan: its action word and its targets in order.
pub struct Plan<T> {
    /// "reboot", "update".
    pub action: String,
    pub rows: Vec<Planned<T>>,
}

impl<T: Resource> Plan<T> {
    pub fn new(action: impl Into<String>, rows: Vec<Planned<T>>) -> Self {
        Plan {
            action: action.into(),
            rows,
        }
    }

    /// The targets the run sends.
    pub fn to_send(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.verdict == Verdict::Send)
            .count()
    }

    /// "would reboot 3 WorkSpaces; 8 left out: 8 STOPPED (reboot needs …)",
    /// without its first word (the caller's "would" or "About to").
    fn summary(&self, places: &Places) -> String {
        let sent: Vec<Placed<&str>> = self
            .rows
            .iter()
            .filter(|r| r.verdict == Verdict::Send)
            .map(|r| Placed::new(r.place, r.id.as_str()))
            .collect();
        let noun = match sent.len() {
            1 => T::KIND.to_owned(),
            _ => crate::output::plural(T::KIND),
        };
        let mut text = format!(
            "{} {} {noun}{}",
            self.action,
            sent.len(),
            places.spread(&sent)
        );
        // Reasons in the order first met, each with its count.
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for row in &self.rows {
            let reason = match &row.verdict {
                Verdict::Send => continue,
                Verdict::LeftOut(reason) => reason.clone(),
                Verdict::NotFound => "not found".to_owned(),
            };
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, count)) => *count += 1,
                None => reasons.push((reason, 1)),
            }
        }
        if !reasons.is_empty() {
            let left_out: usize = reasons.iter().map(|(_, n)| n).sum();
            let each: Vec<String> = reasons
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            text.push_str(&format!("; {left_out} left out: {}", each.join(", ")));
        }
        text
    }

    /// The extra columns the plan's rows carry: what changes, when any
    /// row changes a field; what the run does, when any is left out.
    fn extra_columns(&self) -> &'static [&'static str] {
        let changes = self.rows.iter().any(|r| !r.changes.is_empty());
        let verdicts = self.rows.iter().any(|r| r.verdict != Verdict::Send);
        match (changes, verdicts) {
            (true, true) => &["changes", "plan"],
            (true, false) => &["changes"],
            (false, true) => &["plan"],
            (false, false) => &[],
        }
    }

    fn extra_cells(&self, row: &Planned<T>, columns: &[&str]) -> Vec<Option<Value>> {
        columns
            .iter()
            .map(|column| match *column {
                "changes" => row.changes_cell(),
                _ => Some(row.verdict_cell(&self.action)),
            })
            .collect()
    }

    /// Shows the plan. With `--dry-run` it is the command's output (stdout,
    /// in the chosen format) and nothing more happens; otherwise a short
    /// table on stderr before the question. Rows lead with region and
    /// account when the targets span several places. Returns whether to
    /// go on.
    /// A table shows the IDs of other kinds it holds by their names, as a
    /// list does (one lookup a kind, for a table only).
    pub async fn show(
        &self,
        ctx: &Context,
        confirm: &ConfirmArgs,
        places: &Places,
    ) -> Result<bool> {
        let extra = self.extra_columns();
        if confirm.dry_run() {
            let mut writer = ctx
                .printer
                .list_with::<T>(View::List { details: false }, extra)?;
            writer.locate(places.located());
            for row in &self.rows {
                let at = places.place(row.place);
                writer.write_with(&row.item, at.as_ref(), self.extra_cells(row, extra))?;
            }
            show_names(&ctx.printer, &mut writer, places.sessions()).await;
            writer.finish()?;
            ctx.printer.note(format!(
                "dry run: would {}; nothing was changed",
                self.summary(places)
            ));
            return Ok(false);
        }
        if ctx.printer.quiet() && confirm.yes {
            return Ok(true);
        }
        use std::io::Write;
        let mut stderr = ctx.printer.stderr();
        writeln!(stderr, "About to {}:", self.summary(places))?;
        let mut writer = ctx.printer.stderr_table_with::<T>(extra)?;
        writer.locate(places.located());
        for row in self.rows.iter().take(PLAN_ROWS) {
            let at = places.place(row.place);
            writer.write_with(&row.item, at.as_ref(), self.extra_cells(row, extra))?;
        }
        show_names(&ctx.printer, &mut writer, places.sessions()).await;
        writer.finish()?;
        if self.rows.len() > PLAN_ROWS {
            writeln!(stderr, "... and {} more", self.rows.len() - PLAN_ROWS)?;
        }
        Ok(true)
    }

    /// The executor's targets (every row, in order) and the outcomes the
    /// plan settled for the ones it does not send.
    pub fn targets(&self) -> (Vec<Placed<String>>, Settled) {
        let targets = self
            .rows
            .iter()
            .map(|r| Placed::new(r.place, r.id.clone()))
            .collect();
        let settled = self
            .rows
            .iter()
            .filter_map(|r| {
                let outcome = match &r.verdict {
                    Verdict::Send => return None,
                    Verdict::LeftOut(reason) => Outcome::Skipped {
                        reason: reason.clone(),
                    },
                    Verdict::NotFound => Outcome::Failed {
                        code: "ResourceNotFoundException".to_owned(),
                        message: format!("no {} {}", T::KIND, r.id),
                    },
                };
                Some(((r.place, r.id.clone()), outcome))
            })
            .collect();
        (targets, settled)
    }

    /// The executor for the plan's run, and its targets.
    pub fn executor<'a>(
        &self,
        ctx: &Context,
        bulk: &'a BulkArgs,
        places: &Places,
        batch_size: usize,
    ) -> (Executor<'a>, Vec<Placed<String>>) {
        let (targets, settled) = self.targets();
        let executor = Executor::for_verb(ctx, bulk, places, batch_size).settled(settled);
        (executor, targets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_the_action_does_not_accept_leaves_the_target_out_saying_why() {
        let mut row = Planned::found(PlaceId(0), "ws-1", ());
        row.needs_state(Some("STOPPED"), "reboot", &["AVAILABLE", "UNHEALTHY"]);
        assert_eq!(
            row.verdict,
            Verdict::LeftOut("STOPPED (reboot needs AVAILABLE or UNHEALTHY)".into())
        );
        // The first reason stands.
        row.leave_out("unchanged");
        assert!(matches!(&row.verdict, Verdict::LeftOut(r) if r.starts_with("STOPPED")));
    }

    #[test]
    fn a_change_to_the_same_values_is_unchanged_and_a_partial_one_shows_what_moves() {
        let mut same = Planned::found(PlaceId(0), "ws-1", ());
        same.change("running mode", Some("AUTO_STOP"), Some("AUTO_STOP"))
            .settle_unchanged();
        assert_eq!(same.verdict, Verdict::LeftOut("unchanged".into()));

        let mut partial = Planned::found(PlaceId(0), "ws-2", ());
        partial
            .change("running mode", Some("AUTO_STOP"), Some("AUTO_STOP"))
            .change("compute type", Some("VALUE"), Some("POWER"))
            .change("name", None::<&str>, None::<&str>)
            .settle_unchanged();
        assert_eq!(partial.verdict, Verdict::Send);
        assert_eq!(
            partial.changes_cell(),
            Some(Value::from("compute type: VALUE → POWER"))
        );
    }

    #[test]
    fn a_list_shows_its_edits_and_none_is_unchanged() {
        let mut row = Planned::found(PlaceId(0), "wsipg-1", ());
        row.edit(
            "rules",
            &["+10.0.0.0/8 (office)".into(), "-192.0.2.0/24".into()],
        )
        .settle_unchanged();
        assert_eq!(
            row.changes_cell(),
            Some(Value::from("rules: +10.0.0.0/8 (office), -192.0.2.0/24"))
        );
        let mut none = Planned::found(PlaceId(0), "wsipg-2", ());
        none.edit("rules", &[]).settle_unchanged();
        assert_eq!(none.verdict, Verdict::LeftOut("unchanged".into()));
    }

    #[test]
    fn words_are_joined_as_a_sentence_would() {
        assert_eq!(one_of(&["A"]), "A");
        assert_eq!(one_of(&["A", "B", "C"]), "A, B or C");
    }
}
