//! Resource kinds. Each is declared once in [`registry`] (typed ID, nouns,
//! service, how it is listed for completion and for the inventory, how it
//! is tagged) with its columns in its own module; completion, `export`, the
//! report's inventory, tagging and `--ids-from` iterate [`KINDS`] rather than
//! naming kinds.

pub mod account;
pub mod account_links;
pub mod applications;
pub mod branding;
pub mod bundles;
pub mod connect_add_ins;
pub mod connection_aliases;
pub mod connections;
pub mod custom_image_import;
pub mod devices;
pub mod directories;
pub mod environments;
mod ids;
pub mod images;
pub mod ip_groups;
pub mod names;
pub mod pools;
mod registry;
pub mod software_sets;
pub mod tags;
pub mod workspaces;

use std::any::Any;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use futures::future::LocalBoxFuture;

pub use ids::{IdRule, exit_on_parse_error, strings};
pub use registry::*;

use crate::api::{Pages, ThinClient};
use crate::bulk::journal::Resume;
use crate::bulk::targets::{Named, TargetArgs};
use crate::complete::Entry;
use crate::error::Result;
use crate::output::{
    Format, ListWriter, OutputSettings, Resource, Selection, View, columns_get as get,
};
use crate::scope::{Place, Service, Session};

/// One kind of resource.
pub struct Kind {
    /// For messages: "device", "software set".
    pub singular: &'static str,
    /// Its command group, export file and completion cache name:
    /// "devices", "software-sets".
    pub plural: &'static str,
    pub service: Service,
    pub id: IdRule,
    /// The JSON members a record (`list -o json`) holds the ID under, for
    /// `--ids-from`.
    pub id_keys: &'static [&'static str],
    pub tagging: Tagging,
    /// Appends every ID with what a person recognises it by, page by page,
    /// so a listing cut short still offers what it got.
    pub labels: for<'a> fn(&'a Session, &'a mut Vec<Entry>) -> LocalBoxFuture<'a, Result<()>>,
    /// Read in full by `export` and `report`; `None` for kinds not yet
    /// inventoried.
    pub inventory: Option<&'static (dyn Inventoried + Sync)>,
}

/// How a kind's tags are read and written.
pub enum Tagging {
    /// Thin Client: by ARN (`...:device/ID`), resolved from an ID through
    /// the kind's Get call.
    ByArn(ArnTagging),
    /// WorkSpaces: by resource ID (DescribeTags, CreateTags).
    ById,
    /// The API has no tags for it.
    Untagged,
}

pub struct ArnTagging {
    /// The resource type in the ARN.
    pub resource_type: &'static str,
    pub arn_of: for<'a> fn(&'a ThinClient, &'a str) -> LocalBoxFuture<'a, Result<Option<String>>>,
}

impl Kind {
    /// The kind whose typed ID an argument parses into.
    pub fn of_id_type(id_type: &clap::builder::ValueParser) -> Option<&'static Kind> {
        let found = id_type.type_id();
        KINDS
            .iter()
            .copied()
            .find(|kind| found == (kind.id.type_id)())
    }

    /// The kind a command group handles (`devices`).
    pub fn of_group(group: &str) -> Option<&'static Kind> {
        KINDS.iter().copied().find(|kind| kind.plural == group)
    }

    /// `command` with each subcommand changed by `change`, told the kind
    /// of its group: the one its own name names, else `group`.
    pub fn each_subcommand(
        command: clap::Command,
        group: Option<&'static Kind>,
        change: fn(clap::Command, Option<&'static Kind>) -> clap::Command,
    ) -> clap::Command {
        let subcommands: Vec<String> = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        subcommands.into_iter().fold(command, |command, name| {
            let kind = Kind::of_group(&name).or(group);
            command.mut_subcommand(&name, |sub| change(sub, kind))
        })
    }

    pub fn check_id(&self, id: &str) -> Result<String> {
        self.id.check(id)
    }

    /// The targets named by argument, `--ids-from` or the `--resume`
    /// journal, each checked as an ID of this kind.
    pub fn targets(&self, targets: &TargetArgs, resume: Option<&Resume>) -> Result<Vec<Named>> {
        targets.collect_named(resume, self.id_keys, |id| self.check_id(id))
    }
}

/// Appends each page's items, labelled, as it arrives.
pub async fn label_pages<T: Send + 'static>(
    mut pages: Pages<T>,
    found: &mut Vec<Entry>,
    label: impl Fn(&T) -> Option<Entry>,
) -> Result<()> {
    while let Some(page) = pages.next_page().await? {
        found.extend(page.iter().filter_map(&label));
    }
    Ok(())
}

/// A kind's items, every detail included, as the inventory holds them.
pub type Held = Box<dyn Any + Send + Sync>;

/// What the inventory does with a kind, whatever its item type.
pub trait Inventoried {
    /// Every item in full, details fetched `concurrency` at a time.
    fn gather<'a>(
        &'a self,
        session: &'a Session,
        concurrency: usize,
    ) -> LocalBoxFuture<'a, Result<Held>>;
    fn count(&self, held: &Held) -> usize;
    /// The keys its tags are read by (ARNs or IDs).
    fn tag_keys(&self, held: &Held) -> Vec<String>;
    /// `PLURAL.json` and `PLURAL.csv` of every scope's items: every column
    /// (what `get` shows), the region and account, and the tags when the
    /// kind has them. Returns how many were written.
    fn write_files<'a>(&self, dir: &Path, kind: &Kind, scopes: &[HeldScope<'a>]) -> Result<usize>;
}

/// One scope's inventory, as [`Inventoried::write_files`] reads it.
pub struct HeldScope<'a> {
    pub location: &'a Place,
    pub held: &'a HashMap<&'static str, Held>,
    pub tags: &'a HashMap<String, HashMap<String, String>>,
}

/// The [`Inventoried`] of a kind whose items are `T`.
pub struct Listing<T> {
    pub list: for<'a> fn(&'a Session, usize) -> LocalBoxFuture<'a, Result<Vec<T>>>,
    /// Its tags' key: the ARN or the ID; `None` for an untagged kind.
    pub tag_key: fn(&T) -> Option<&str>,
}

impl<T> Listing<T> {
    fn items(held: &Held) -> &[T]
    where
        T: 'static,
    {
        held.downcast_ref::<Vec<T>>().map_or(&[], Vec::as_slice)
    }
}

impl<T: Resource + Send + Sync> Inventoried for Listing<T> {
    fn gather<'a>(
        &'a self,
        session: &'a Session,
        concurrency: usize,
    ) -> LocalBoxFuture<'a, Result<Held>> {
        Box::pin(async move { Ok(Box::new((self.list)(session, concurrency).await?) as Held) })
    }

    fn count(&self, held: &Held) -> usize {
        Self::items(held).len()
    }

    fn tag_keys(&self, held: &Held) -> Vec<String> {
        Self::items(held)
            .iter()
            .filter_map(|item| (self.tag_key)(item))
            .map(str::to_owned)
            .collect()
    }

    fn write_files<'a>(&self, dir: &Path, kind: &Kind, scopes: &[HeldScope<'a>]) -> Result<usize> {
        let mut selection = Selection::<T>::resolve(None, View::Detail, false)?;
        selection.located = true;
        let items_of = |scope: &HeldScope<'a>| -> &'a [T] {
            scope.held.get(kind.plural).map_or(&[], Self::items)
        };
        let tagged = scopes
            .iter()
            .flat_map(items_of)
            .any(|item| (self.tag_key)(item).is_some());
        let extra: &[&'static str] = if tagged { &["tags"] } else { &[] };
        let mut count = 0;
        for (format, extension) in [(Format::Json, "json"), (Format::Csv, "csv")] {
            let settings = OutputSettings {
                format,
                ..OutputSettings::default()
            };
            let file = File::create(dir.join(format!("{}.{extension}", kind.plural)))?;
            let mut writer =
                ListWriter::with_extra(selection.clone(), &settings, BufWriter::new(file), extra);
            for scope in scopes {
                for item in items_of(scope) {
                    let tags = (self.tag_key)(item)
                        .and_then(|key| scope.tags.get(key))
                        .and_then(|tags| get::map(Some(tags::sorted(tags))));
                    writer.write_with(item, Some(scope.location), vec![tags])?;
                }
            }
            count = writer.finish()?;
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_named_once_and_known_by_its_id_type() {
        let mut plurals: Vec<&str> = KINDS.iter().map(|k| k.plural).collect();
        plurals.sort_unstable();
        plurals.dedup();
        assert_eq!(plurals.len(), KINDS.len());
        let parser: clap::builder::ValueParser = clap::value_parser!(WorkspaceId).into();
        let kind = Kind::of_id_type(&parser).map(|k| k.plural);
        assert_eq!(kind, Some("workspaces"));
        assert_eq!(
            Kind::of_group("software-sets").map(|k| k.singular),
            Some("software set")
        );
        assert!(Kind::of_group("sandbox").is_none());
    }
}
