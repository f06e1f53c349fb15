//! The one flow of every `directories modify-*` verb: the directories named
//! are routed and described, the plan shows each setting before and after,
//! `--dry-run` stops there, then one call a directory through the executor.

use std::future::Future;

use aws_sdk_workspaces::types::{ClientPropertiesResult, WorkspaceDirectory};

use crate::api::WorkspacesClient;
use crate::bulk::Executor;
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::{each_target, ids_of};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::DIRECTORIES;
use crate::scope::{Placed, Service, route};

/// What a settings verb reads before it changes: a directory, or the
/// client properties of one.
pub trait Described {
    fn id(&self) -> Option<&str>;
    /// How the plan names it: the ID and what the describe found.
    fn label(&self) -> String;
}

impl Described for WorkspaceDirectory {
    fn id(&self) -> Option<&str> {
        self.directory_id()
    }

    fn label(&self) -> String {
        let found = match (self.alias(), self.directory_name()) {
            (Some(alias), Some(name)) => format!("{alias}, {name}"),
            (Some(alias), None) => alias.to_owned(),
            _ => "not found".to_owned(),
        };
        format!("{} ({found})", self.directory_id().unwrap_or(""))
    }
}

impl Described for ClientPropertiesResult {
    fn id(&self) -> Option<&str> {
        self.resource_id()
    }

    fn label(&self) -> String {
        let id = self.resource_id().unwrap_or("");
        match self.client_properties() {
            Some(_) => id.to_owned(),
            None => format!("{id} (not found)"),
        }
    }
}

/// Reads a setting's current value off what was described.
pub type Current<T> = Box<dyn Fn(&T) -> Option<String>>;

/// One setting a verb changes: its name in the API, its value after, and
/// how to read its value before.
pub struct Setting<T> {
    pub name: &'static str,
    pub after: String,
    pub before: Current<T>,
}

impl<T> Setting<T> {
    pub fn new(
        name: &'static str,
        after: impl Into<String>,
        before: impl Fn(&T) -> Option<String> + 'static,
    ) -> Self {
        Self {
            name,
            after: after.into(),
            before: Box::new(before),
        }
    }
}

/// What a verb changes: the journal's action word, the property set's name
/// in the API (the plan's prefix; empty for a top-level member), the
/// settings given, and the flags to name when none is.
pub struct Change<T> {
    pub action: &'static str,
    pub group: &'static str,
    pub settings: Vec<Setting<T>>,
    pub flags: &'static str,
}

/// A setting's value as the plan shows it: an enum's API spelling.
pub fn shown<E: AsRef<str>>(value: Option<&E>) -> Option<String> {
    value.map(|v| v.as_ref().to_owned())
}

/// The whole of a `modify-*` verb after its flags are read: `describe`
/// gives what the plan's "before" is read from (in the order asked, a
/// stand-in for what it did not find), `modify` changes one directory.
pub async fn modify_each<T, D, DFut, M, MFut>(
    ctx: &Context,
    args: (&TargetArgs, &ChangeArgs, &BulkArgs),
    change: Change<T>,
    describe: D,
    modify: M,
) -> Result<()>
where
    T: Described,
    D: Fn(WorkspacesClient, Vec<String>) -> DFut,
    DFut: Future<Output = Result<Vec<T>>>,
    M: Fn(WorkspacesClient, String) -> MFut,
    MFut: Future<Output = Result<()>>,
{
    let (targets, dry_run, bulk) = args;
    if change.settings.is_empty() {
        return Err(AppError::usage(format!(
            "nothing to modify: give at least one of {}",
            change.flags
        )));
    }
    let named = DIRECTORIES.targets(targets, bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the directories to modify: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let described = places
        .gather(routed.ids, |place, ids| {
            describe(places.workspaces(place).clone(), ids)
        })
        .await?;
    show_plan(ctx, &change, &described);
    if dry_run.dry_run {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    // Every Modify operation of a directory takes one directory a call.
    let report = Executor::for_verb(ctx, bulk, places, 1)
        .run(change.action, ids_of(&described, T::id), |batch| {
            each_target(batch, |target| {
                modify(places.workspaces(target.place).clone(), target.id)
            })
        })
        .await?;
    report.finish(ctx)
}

/// The plan, on stderr: each directory, then each setting before and after.
fn show_plan<T: Described>(ctx: &Context, change: &Change<T>, described: &[Placed<T>]) {
    let mut lines = Vec::new();
    for placed in described {
        lines.push(placed.item.label());
        for setting in &change.settings {
            let before = (setting.before)(&placed.item).unwrap_or_else(|| "-".to_owned());
            let marker = if before == setting.after {
                " (unchanged)"
            } else {
                ""
            };
            let name = match change.group {
                "" => setting.name.to_owned(),
                group => format!("{group}.{}", setting.name),
            };
            lines.push(format!("  {name}: {before} -> {}{marker}", setting.after));
        }
    }
    ctx.printer.note(lines.join("\n"));
}
