//! `tags`, `tag` and `untag`: the same three verbs in every group whose
//! kind takes tags. Thin Client kinds are tagged by ARN (an ID is resolved
//! to it through the Get call); WorkSpaces kinds by resource ID, under the
//! WorkSpaces limits.
//!
//! A group gets the verbs with three variants (`Tags(tagging::TagsArgs)`,
//! `Tag(tagging::TagArgs)`, `Untag(tagging::UntagArgs)`) and three arms
//! calling [`tags`], [`tag`] and [`untag`] with its kind.

use std::collections::HashMap;

use futures::future::BoxFuture;

use crate::api::thin_client::{list_tags, tag_resource, untag_resource};
use crate::api::workspace_tags::{create_tags, delete_tags};
use crate::api::workspaces::describe_tags;
use crate::api::{ThinClient, WorkspacesClient};
use crate::bulk::targets::{Named, TargetArgs};
use crate::bulk::{Executor, retrying};
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::each_target;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{Format, View};
use crate::resources::tags::{ResourceTags, Tag, sorted};
use crate::resources::{ArnTagging, Kind, Tagging};
use crate::scope::{PlaceId, Places, Service, route};
use crate::tags::{self, TagRules};
use crate::validate;

pub const TAGS_EXAMPLES: &str = "\
Examples:
  wsfleet devices tags 0123456789abcdefghijklmn
  wsfleet environments tags arn:aws:thinclient:us-east-1:123456789012:environment/a1b2c3d4e -o json";

pub const TAG_EXAMPLES: &str = "\
Examples:
  wsfleet devices tag 0123456789abcdefghijklmn team=support site=Dublin
  wsfleet software-sets tag 312345 channel=stable
  wsfleet devices list --name 'lobby-*' -o json | wsfleet devices tag --ids-from - site=Dublin";

pub const UNTAG_EXAMPLES: &str = "\
Examples:
  wsfleet devices untag 0123456789abcdefghijklmn team site
  wsfleet devices untag --ids-from lobby.txt team";

/// The same verbs' examples in the WorkSpaces groups.
pub const WORKSPACES_TAGS_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces tags ws-abcd1234
  wsfleet images tags wsi-abcdefgh1 -o json";

pub const WORKSPACES_TAG_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces tag ws-abcd1234 team=support 'cost center=4410'
  wsfleet workspaces tag --state stopped --not-connected-for 30d idle=yes
  wsfleet workspaces list --state stopped -o json | wsfleet workspaces tag --ids-from - idle=yes
  wsfleet images tag wsi-abcdefgh1 channel=stable --dry-run";

pub const WORKSPACES_UNTAG_EXAMPLES: &str = "\
Examples:
  wsfleet workspaces untag ws-abcd1234 team site
  wsfleet workspaces untag --ids-from leavers.txt team
  wsfleet workspaces untag --directory d-1234567890 --tag project=retired project";

/// How a kind tagged by ARN is tagged; a usage error for the others.
fn arn_tagging(kind: &Kind) -> Result<&ArnTagging> {
    match &kind.tagging {
        Tagging::ByArn(tagging) => Ok(tagging),
        Tagging::ById | Tagging::Untagged => Err(AppError::usage(format!(
            "{}s are not tagged by ARN",
            kind.singular
        ))),
    }
}

/// The limits a kind's tags are checked against before any request.
fn rules(kind: &Kind) -> Result<TagRules> {
    match &kind.tagging {
        Tagging::ByArn(_) => Ok(TagRules::Resource),
        Tagging::ById => Ok(TagRules::WorkSpaces),
        Tagging::Untagged => Err(AppError::usage(format!("{}s take no tags", kind.singular))),
    }
}

/// A resource named by ID or ARN, checked locally.
enum IdOrArn {
    Id(String),
    Arn(String),
}

fn name_of(kind: &Kind, resource: &str) -> Result<IdOrArn> {
    if !resource.starts_with("arn:") {
        return kind.check_id(resource).map(IdOrArn::Id);
    }
    if matches!(kind.tagging, Tagging::ById) {
        return Err(AppError::usage(format!(
            "{}s are tagged by ID, not by ARN: name the {} by its ID",
            kind.singular, kind.singular
        )));
    }
    let arn = validate::arn(resource, "ARN")?;
    let resource_part = arn.splitn(6, ':').nth(5).unwrap_or_default();
    if !resource_part.starts_with(&format!("{}/", arn_tagging(kind)?.resource_type)) {
        return Err(AppError::usage(format!(
            "'{}' is not the ARN of a {}",
            validate::printable(&arn),
            kind.singular
        )));
    }
    Ok(IdOrArn::Arn(arn))
}

/// The client a kind's tags go through: Thin Client's (by ARN) or
/// WorkSpaces' (by ID).
#[derive(Clone)]
enum Tagger {
    ThinClient(ThinClient),
    WorkSpaces(WorkspacesClient),
}

impl Tagger {
    async fn of_session(ctx: &Context, kind: &Kind) -> Result<Self> {
        Ok(match kind.service {
            Service::ThinClient => Tagger::ThinClient(ctx.thin_client().await?),
            Service::WorkSpaces => Tagger::WorkSpaces(ctx.workspaces().await?),
        })
    }

    fn of_place(kind: &Kind, places: &Places, place: PlaceId) -> Self {
        match kind.service {
            Service::ThinClient => Tagger::ThinClient(places.thin_client(place).clone()),
            Service::WorkSpaces => Tagger::WorkSpaces(places.workspaces(place).clone()),
        }
    }

    /// What the API names the resource by: its ARN (resolved from an ID
    /// through the kind's Get call) or its ID.
    async fn key(&self, kind: &Kind, named: IdOrArn) -> Result<String> {
        match (self, named) {
            (_, IdOrArn::Arn(arn)) => Ok(arn),
            (Tagger::WorkSpaces(_), IdOrArn::Id(id)) => Ok(id),
            (Tagger::ThinClient(client), IdOrArn::Id(id)) => {
                (arn_tagging(kind)?.arn_of)(client, &id)
                    .await?
                    .ok_or_else(|| {
                        AppError::Other(anyhow::anyhow!(
                            "the service gave no ARN for {} {id}",
                            kind.singular
                        ))
                    })
            }
        }
    }

    async fn list(&self, key: &str) -> Result<HashMap<String, String>> {
        match self {
            Tagger::ThinClient(client) => list_tags(client, key).await,
            Tagger::WorkSpaces(client) => describe_tags(client, key).await,
        }
    }

    async fn edit(&self, key: &str, edit: Edit) -> Result<()> {
        match (self, edit) {
            (Tagger::ThinClient(client), Edit::Set(tags)) => tag_resource(client, key, tags).await,
            (Tagger::ThinClient(client), Edit::Remove(keys)) => {
                untag_resource(client, key, keys).await
            }
            (Tagger::WorkSpaces(client), Edit::Set(tags)) => create_tags(client, key, tags).await,
            (Tagger::WorkSpaces(client), Edit::Remove(keys)) => {
                delete_tags(client, key, keys).await
            }
        }
    }
}

/// The session's tagger and the resource's key, resolved with retries.
async fn resolve(ctx: &Context, kind: &Kind, named: IdOrArn) -> Result<(Tagger, String)> {
    let tagger = Tagger::of_session(ctx, kind).await?;
    let key = match named {
        IdOrArn::Arn(arn) => arn,
        IdOrArn::Id(id) => retrying(|| tagger.key(kind, IdOrArn::Id(id.clone()))).await?,
    };
    Ok((tagger, key))
}

/// How a group's tagging verbs name a resource, in their help: a
/// WorkSpaces kind by its ID ([`ById`], the default), a Thin Client kind
/// by its ID or ARN ([`ByIdOrArn`]).
pub trait Naming: std::fmt::Debug + Clone + Send + Sync + 'static {
    /// The value name of the resource (completion keys on it).
    const RESOURCE: &'static str;
    const TAGS_HELP: &'static str;
    const TAG_WORDS: &'static str;
    const TAG_HELP: &'static str;
    const TAG_IDS_FROM_HELP: &'static str;
    const UNTAG_WORDS: &'static str;
    const UNTAG_HELP: &'static str;
}

/// WorkSpaces resources: tagged by resource ID.
#[derive(Debug, Clone, Default)]
pub struct ById;

/// Thin Client resources: tagged by ARN, named by ID or ARN.
#[derive(Debug, Clone, Default)]
pub struct ByIdOrArn;

impl Naming for ById {
    const RESOURCE: &'static str = "ID";
    const TAGS_HELP: &'static str = "The resource's ID";
    const TAG_WORDS: &'static str = "ID KEY=VALUE";
    const TAG_HELP: &'static str =
        "The resource's ID, then the tags to add or overwrite (with --ids-from, only the tags)";
    const TAG_IDS_FROM_HELP: &'static str = "Tag every resource named in FILE (`-` for stdin): \
         IDs, one a line, or the JSON/NDJSON `list` printed";
    const UNTAG_WORDS: &'static str = "ID KEY";
    const UNTAG_HELP: &'static str =
        "The resource's ID, then the tag keys to remove (with --ids-from, only the keys)";
}

impl Naming for ByIdOrArn {
    const RESOURCE: &'static str = "ID_OR_ARN";
    const TAGS_HELP: &'static str = "The resource's ID or ARN";
    const TAG_WORDS: &'static str = "ID_OR_ARN KEY=VALUE";
    const TAG_HELP: &'static str = "The resource's ID or ARN, then the tags to add or overwrite \
         (with --ids-from, only the tags)";
    const TAG_IDS_FROM_HELP: &'static str = "Tag every resource named in FILE (`-` for stdin): \
         IDs or ARNs, one a line, or the JSON/NDJSON `list` printed";
    const UNTAG_WORDS: &'static str = "ID_OR_ARN KEY";
    const UNTAG_HELP: &'static str = "The resource's ID or ARN, then the tag keys to remove \
         (with --ids-from, only the keys)";
}

#[derive(Debug, clap::Args)]
pub struct TagsArgs<N: Naming = ById> {
    #[arg(value_name = N::RESOURCE, help = N::TAGS_HELP)]
    pub resource: String,

    #[arg(skip)]
    naming: std::marker::PhantomData<N>,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs<N: Naming = ById> {
    #[arg(value_name = N::TAG_WORDS, help = N::TAG_HELP, required = true, num_args = 1..)]
    pub words: Vec<String>,

    #[arg(long, value_name = "FILE", help = N::TAG_IDS_FROM_HELP)]
    pub ids_from: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,

    #[arg(skip)]
    naming: std::marker::PhantomData<N>,
}

#[derive(Debug, clap::Args)]
pub struct UntagArgs<N: Naming = ById> {
    #[arg(value_name = N::UNTAG_WORDS, help = N::UNTAG_HELP, required = true, num_args = 1..)]
    pub words: Vec<String>,

    /// Untag every resource named in FILE (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    pub ids_from: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,

    #[arg(skip)]
    naming: std::marker::PhantomData<N>,
}

/// The resources a tag or untag names, and what it sets or removes: one
/// resource then its tags, or (`--ids-from`) the file's resources and every
/// word a tag, or (a kind's filters select them) no resource and every word
/// a tag.
fn split_words(
    kind: &Kind,
    words: &[String],
    ids_from: Option<&str>,
    what: &str,
    resume: Option<&crate::bulk::journal::Resume>,
    every_word_a_tag: bool,
) -> Result<(Vec<Named>, Vec<String>)> {
    let (resources, rest) = match ids_from {
        Some(path) => {
            let targets = TargetArgs {
                ids: Vec::new(),
                ids_from: Some(path.to_owned()),
            };
            let resources = targets
                .collect_named(resume, &record_keys(kind), |r| {
                    name_of(kind, r).map(|_| r.to_owned())
                })?
                .into_iter()
                .map(placed_by_arn)
                .collect::<Result<Vec<_>>>()?;
            (resources, words.to_vec())
        }
        None if every_word_a_tag => (Vec::new(), words.to_vec()),
        None => {
            let Some((resource, rest)) = words.split_first() else {
                return Err(AppError::usage(format!(
                    "name a {} and the {what}",
                    kind.singular
                )));
            };
            name_of(kind, resource)?;
            (vec![Named::id(resource.clone())], rest.to_vec())
        }
    };
    if rest.is_empty() {
        return Err(AppError::usage(format!("no {what} given")));
    }
    Ok((resources, rest))
}

/// The members a record names its resource by. For a kind tagged by ARN
/// the ARN comes before the ID: it says where the resource lives.
fn record_keys(kind: &Kind) -> Vec<&'static str> {
    let arn = matches!(kind.tagging, Tagging::ByArn(_)).then_some("arn");
    arn.into_iter()
        .chain(kind.id_keys.iter().copied())
        .collect()
}

/// An ARN says where its resource lives; a record's own `region` and
/// `account` must agree with it.
fn placed_by_arn(mut named: Named) -> Result<Named> {
    if !named.id.starts_with("arn:") {
        return Ok(named);
    }
    let parts: Vec<&str> = named.id.splitn(6, ':').collect();
    let (Some(region), Some(account)) = (parts.get(3), parts.get(4)) else {
        return Ok(named);
    };
    for (field, from_arn) in [(&mut named.region, region), (&mut named.account, account)] {
        match field {
            Some(given) if given != from_arn => {
                return Err(AppError::usage(format!(
                    "--ids-from: {} is in {from_arn}, but its record says {given}",
                    validate::printable(&named.id)
                )));
            }
            Some(_) => {}
            None if from_arn.is_empty() => {}
            None => *field = Some((*from_arn).to_owned()),
        }
    }
    Ok(named)
}

/// Applies the edit to each resource through the bulk executor, with its
/// retries and per-target report, each in the region and account its record
/// or ARN names.
async fn edit_in_bulk(
    ctx: &Context,
    bulk: &BulkArgs,
    kind: &Kind,
    resources: Vec<Named>,
    edit: Edit,
) -> Result<()> {
    let routed = route(ctx, kind.service, resources).await?;
    let places = &routed.places;
    let report = Executor::for_verb(ctx, bulk, places, 1)
        .run(edit.action(), routed.targets(), |batch| {
            each_target(batch, |target| {
                let (tagger, edit) = (Tagger::of_place(kind, places, target.place), edit.clone());
                async move {
                    let key = tagger.key(kind, name_of(kind, &target.id)?).await?;
                    tagger.edit(&key, edit).await
                }
            })
        })
        .await?;
    report.finish(ctx)
}

/// Lists the tags: a KEY/VALUE table (or CSV rows) for people, the API's
/// `{"tags": {...}}` in JSON.
pub async fn tags<N: Naming>(args: TagsArgs<N>, kind: &Kind, ctx: &Context) -> Result<()> {
    rules(kind)?;
    let named = name_of(kind, &args.resource)?;
    let as_object = matches!(ctx.printer.format(), Format::Json | Format::Ndjson);
    let (tagger, key) = resolve(ctx, kind, named).await?;
    let tags = retrying(|| tagger.list(&key)).await?;
    if as_object {
        return ctx
            .printer
            .one::<ResourceTags>()?
            .write(&ResourceTags { tags });
    }
    let mut writer = ctx.printer.list::<Tag>(View::List { details: false })?;
    for (key, value) in sorted(&tags) {
        writer.write(&Tag {
            key: key.clone(),
            value: value.clone(),
        })?;
    }
    ctx.printer.note_if_none(
        writer.finish()?,
        format!("the {} has no tags", kind.singular),
    );
    Ok(())
}

pub async fn tag<N: Naming>(args: TagArgs<N>, kind: &Kind, ctx: &Context) -> Result<()> {
    tag_selected(args, kind, ctx, None).await
}

pub async fn untag<N: Naming>(args: UntagArgs<N>, kind: &Kind, ctx: &Context) -> Result<()> {
    untag_selected(args, kind, ctx, None).await
}

/// Which resources a kind's own filters select (`workspaces tag --state
/// error KEY=VALUE`), given the IDs `--ids-from` named (none: every one
/// the filters match). Called after every word is checked, so bad input
/// is still exit 2 before any request.
pub type Selector<'a> = Box<dyn FnOnce(Vec<String>) -> BoxFuture<'a, Result<Vec<String>>> + 'a>;

/// `tag` over the resources named, or those `select` picks: with a
/// selector or `--ids-from`, every word is a tag.
pub async fn tag_selected<N: Naming>(
    args: TagArgs<N>,
    kind: &Kind,
    ctx: &Context,
    select: Option<Selector<'_>>,
) -> Result<()> {
    let how = How::new(&args.change, &args.bulk, &args.ids_from, select.is_some());
    let (resources, texts) = split_words(
        kind,
        &args.words,
        args.ids_from.as_deref(),
        "tags",
        args.bulk.resume.as_ref(),
        how.bulk.is_some(),
    )?;
    let edit = Edit::Set(tags::map(&texts, rules(kind)?)?);
    let Some(resources) = selected(ctx, kind, resources, select).await? else {
        return Ok(());
    };
    edit_each(ctx, how, kind, resources, edit).await
}

/// `untag`, as [`tag_selected`] is `tag`.
pub async fn untag_selected<N: Naming>(
    args: UntagArgs<N>,
    kind: &Kind,
    ctx: &Context,
    select: Option<Selector<'_>>,
) -> Result<()> {
    let how = How::new(&args.change, &args.bulk, &args.ids_from, select.is_some());
    let (resources, words) = split_words(
        kind,
        &args.words,
        args.ids_from.as_deref(),
        "tag keys",
        args.bulk.resume.as_ref(),
        how.bulk.is_some(),
    )?;
    let rules = rules(kind)?;
    let keys = words
        .iter()
        .map(|key| tags::key(key, rules))
        .collect::<Result<Vec<_>>>()?;
    let Some(resources) = selected(ctx, kind, resources, select).await? else {
        return Ok(());
    };
    edit_each(ctx, how, kind, resources, Edit::Remove(keys)).await
}

/// The resources to edit: as named, or as the selector narrows them.
/// `None` when the filters match nothing: nothing to do, and said so.
async fn selected(
    ctx: &Context,
    kind: &Kind,
    named: Vec<Named>,
    select: Option<Selector<'_>>,
) -> Result<Option<Vec<Named>>> {
    let Some(select) = select else {
        return Ok(Some(named));
    };
    let ids = select(named.into_iter().map(|n| n.id).collect()).await?;
    if ids.is_empty() {
        ctx.printer
            .note(format!("no {} match; nothing to do", kind.plural));
        return Ok(None);
    }
    Ok(Some(ids.into_iter().map(Named::id).collect()))
}

/// How a tagging verb runs: for real or not, and (`--ids-from` or filters)
/// through the bulk executor with these options.
struct How<'a> {
    dry_run: bool,
    bulk: Option<&'a BulkArgs>,
}

impl<'a> How<'a> {
    fn new(
        change: &ChangeArgs,
        bulk: &'a BulkArgs,
        ids_from: &Option<String>,
        selecting: bool,
    ) -> Self {
        How {
            dry_run: change.dry_run,
            bulk: (ids_from.is_some() || selecting).then_some(bulk),
        }
    }
}

/// What `tag` or `untag` does to each resource.
#[derive(Clone)]
enum Edit {
    Set(HashMap<String, String>),
    Remove(Vec<String>),
}

impl Edit {
    fn action(&self) -> &'static str {
        match self {
            Edit::Set(_) => "tag",
            Edit::Remove(_) => "untag",
        }
    }
}

/// Applies the edit to each resource (`--ids-from`: through the bulk
/// executor), or says what it would do under `--dry-run`.
async fn edit_each(
    ctx: &Context,
    how: How<'_>,
    kind: &Kind,
    resources: Vec<Named>,
    edit: Edit,
) -> Result<()> {
    let count = resources.len();
    if how.dry_run {
        let would = match &edit {
            Edit::Set(tags) => format!(
                "tag {count} {}(s) with {} tag(s)",
                kind.singular,
                tags.len()
            ),
            Edit::Remove(keys) => format!(
                "remove {} tag(s) from {count} {}(s)",
                keys.len(),
                kind.singular
            ),
        };
        ctx.printer
            .note(format!("dry run: would {would}; nothing was changed"));
        return Ok(());
    }
    if let Some(bulk) = how.bulk {
        return edit_in_bulk(ctx, bulk, kind, resources, edit).await;
    }
    let Some(resource) = resources.first() else {
        return Err(AppError::usage(format!("name a {}", kind.singular)));
    };
    let (tagger, key) = resolve(ctx, kind, name_of(kind, &resource.id)?).await?;
    retrying(|| tagger.edit(&key, edit.clone())).await?;
    let done = match &edit {
        Edit::Set(tags) => format!("tagged {key}: {} tag(s) set", tags.len()),
        Edit::Remove(keys) => format!("untagged {key}: {} key(s) removed", keys.len()),
    };
    ctx.printer.note(done);
    Ok(())
}

/// The items whose tags `keep` accepts, in their order: a `list` filter
/// on tags the listing does not carry. The tags are read one call an item
/// (`tags_of`; `None` for an item that cannot be named), `concurrency` at
/// a time; an item gone in between is dropped.
pub async fn keep_by_tags<T, F, Fut>(
    items: Vec<T>,
    concurrency: usize,
    tags_of: F,
    keep: impl Fn(&HashMap<String, String>) -> bool,
) -> Result<Vec<T>>
where
    F: Fn(&T) -> Option<Fut>,
    Fut: std::future::Future<Output = Result<HashMap<String, String>>>,
{
    use futures::{StreamExt, TryStreamExt};
    let keep = &keep;
    let kept: Vec<Option<T>> = futures::stream::iter(items)
        .map(|item| {
            let call = tags_of(&item);
            async move {
                let Some(call) = call else {
                    return Ok(None);
                };
                match call.await {
                    Ok(tags) => Ok(keep(&tags).then_some(item)),
                    Err(err) if err.is_not_found() => Ok(None),
                    Err(err) => Err(err),
                }
            }
        })
        .buffered(concurrency.max(1))
        .try_collect()
        .await?;
    Ok(kept.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{DEVICES, ENVIRONMENTS, SOFTWARE_SETS};

    #[test]
    fn ids_and_arns_are_checked_for_the_group() {
        assert!(matches!(
            name_of(&DEVICES, "abcdefghijklmnopqrstuvwx"),
            Ok(IdOrArn::Id(_))
        ));
        assert!(matches!(
            name_of(
                &ENVIRONMENTS,
                "arn:aws:thinclient:us-east-1:123456789012:environment/abc123xyz"
            ),
            Ok(IdOrArn::Arn(_))
        ));
        let err = name_of(
            &DEVICES,
            "arn:aws:thinclient:us-east-1:123456789012:environment/abc123xyz",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("not the ARN of a device"), "{err}");
        assert!(name_of(&SOFTWARE_SETS, "abc").is_err());
    }

    #[test]
    fn an_arn_places_its_resource_and_must_agree_with_its_record() {
        let arn = "arn:aws:thinclient:eu-west-1:222222222222:device/abcdefghijklmnopqrstuvwx";
        let placed = placed_by_arn(Named::id(arn)).unwrap();
        assert_eq!(placed.region.as_deref(), Some("eu-west-1"));
        assert_eq!(placed.account.as_deref(), Some("222222222222"));
        let contradicted = Named {
            region: Some("us-east-1".into()),
            ..Named::id(arn)
        };
        let err = placed_by_arn(contradicted).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("record says us-east-1"), "{err}");
        assert!(
            !placed_by_arn(Named::id("abcdefghijklmnopqrstuvwx"))
                .unwrap()
                .is_placed()
        );
    }
}
