//! The steps every destructive verb takes between finding its targets and
//! touching them: the plan, then the question.

use std::future::Future;

use crate::bulk::{BatchResult, Target, show_plan};
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::output::Resource;
use crate::prompt::{self, Prompter};
use crate::scope::{Placed, Places};

/// Shows the plan and asks. `Ok(false)`: nothing to do (no targets, or
/// `--dry-run`); `Ok(true)`: go ahead; a no is [`crate::error::AppError::Declined`].
pub fn confirm<T: Resource>(
    ctx: &Context,
    flags: &ConfirmArgs,
    prompter: &dyn Prompter,
    action: &'static str,
    places: &Places,
    items: &[Placed<T>],
) -> Result<bool> {
    if items.is_empty() {
        ctx.printer
            .note(format!("no {}s match: nothing to {action}", T::KIND));
        return Ok(false);
    }
    if !show_plan(ctx, flags, action, places, items)? {
        return Ok(false);
    }
    prompt::require_confirmation(prompter, action, items.len())?;
    Ok(true)
}

/// The IDs of the items with their places, in order: the executor's targets.
pub fn ids_of<T>(items: &[Placed<T>], id: impl Fn(&T) -> Option<&str>) -> Vec<Placed<String>> {
    items
        .iter()
        .filter_map(|placed| id(&placed.item).map(|id| Placed::new(placed.place, id.to_owned())))
        .collect()
}

/// One request a target, in turn: the batch body of the per-item APIs
/// (batch size 1), so each verb writes only its call.
pub async fn each_target<F, Fut>(batch: Vec<Target>, call: F) -> BatchResult
where
    F: Fn(Target) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut results = Vec::with_capacity(batch.len());
    for target in batch {
        let id = target.id.clone();
        results.push((id, call(target).await));
    }
    results
}

/// What a describe found of `ids`, in the order asked, with a stand-in
/// (`absent`, no state) for each ID it did not find: the plan still shows
/// it, and the run fails it as not found rather than reporting it done.
pub fn in_order_asked<T>(
    ids: &[String],
    mut found: Vec<T>,
    id_of: impl Fn(&T) -> Option<&str>,
    absent: impl Fn(&str) -> T,
) -> Vec<T> {
    found.sort_by_key(|item| ids.iter().position(|id| id_of(item) == Some(id.as_str())));
    for id in ids {
        if !found.iter().any(|item| id_of(item) == Some(id.as_str())) {
            found.push(absent(id));
        }
    }
    found
}
