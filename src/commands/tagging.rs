//! `tags`, `tag` and `untag` of devices, environments and software sets:
//! the same three verbs in each group, by ID (resolved to its ARN through
//! the Get call) or by ARN.

use crate::api::ThinClient as Client;

use crate::api::thin_client::{
    get_device, get_environment, get_software_set, list_tags, tag_resource, untag_resource,
};
use crate::bulk::{Executor, retrying};
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::each_target;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{Format, View};
use crate::resources::tags::{ResourceTags, Tag, sorted};
use crate::scope::Service;
use crate::scope::route;
use crate::tags::{self, TagRules};
use crate::targets::{Named, TargetArgs};
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

/// Which group's resource a tagging verb names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tagged {
    Device,
    Environment,
    SoftwareSet,
}

impl Tagged {
    fn noun(self) -> &'static str {
        match self {
            Tagged::Device => "device",
            Tagged::Environment => "environment",
            Tagged::SoftwareSet => "software set",
        }
    }

    /// The resource type in the ARN (`...:device/ID`).
    fn arn_type(self) -> &'static str {
        match self {
            Tagged::Device => "device",
            Tagged::Environment => "environment",
            Tagged::SoftwareSet => "softwareset",
        }
    }

    fn check_id(self, id: &str) -> Result<String> {
        match self {
            Tagged::Device => validate::device_id(id),
            Tagged::Environment => validate::environment_id(id),
            Tagged::SoftwareSet => validate::software_set_id(id),
        }
    }

    async fn arn_of(self, client: &Client, id: &str) -> Result<Option<String>> {
        Ok(match self {
            Tagged::Device => get_device(client, id).await?.arn,
            Tagged::Environment => get_environment(client, id).await?.arn,
            Tagged::SoftwareSet => get_software_set(client, id).await?.arn,
        })
    }
}

/// A resource named by ID or ARN, checked locally.
enum IdOrArn {
    Id(String),
    Arn(String),
}

fn name_of(kind: Tagged, resource: &str) -> Result<IdOrArn> {
    if !resource.starts_with("arn:") {
        return kind.check_id(resource).map(IdOrArn::Id);
    }
    let arn = validate::arn(resource, "ARN")?;
    let resource_part = arn.splitn(6, ':').nth(5).unwrap_or_default();
    if !resource_part.starts_with(&format!("{}/", kind.arn_type())) {
        return Err(AppError::usage(format!(
            "'{}' is not the ARN of a {}",
            validate::printable(&arn),
            kind.noun()
        )));
    }
    Ok(IdOrArn::Arn(arn))
}

async fn arn(ctx: &Context, kind: Tagged, named: IdOrArn) -> Result<(Client, String)> {
    let client = ctx.thin_client().await?;
    let arn = match named {
        IdOrArn::Arn(arn) => arn,
        IdOrArn::Id(id) => retrying(|| kind.arn_of(&client, &id))
            .await?
            .ok_or_else(|| {
                AppError::Other(anyhow::anyhow!(
                    "the service gave no ARN for {} {id}",
                    kind.noun()
                ))
            })?,
    };
    Ok((client, arn))
}

#[derive(Debug, clap::Args)]
pub struct TagsArgs {
    /// The resource's ID or ARN
    #[arg(value_name = "ID_OR_ARN")]
    pub resource: String,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// The resource's ID or ARN, then the tags to add or overwrite (with
    /// --ids-from, only the tags)
    #[arg(value_name = "ID_OR_ARN KEY=VALUE", required = true, num_args = 1..)]
    pub words: Vec<String>,

    /// Tag every resource named in FILE (`-` for stdin): IDs or ARNs, one a
    /// line, or the JSON/NDJSON `list` printed
    #[arg(long, value_name = "FILE")]
    pub ids_from: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// The resource's ID or ARN, then the tag keys to remove (with
    /// --ids-from, only the keys)
    #[arg(value_name = "ID_OR_ARN KEY", required = true, num_args = 1..)]
    pub words: Vec<String>,

    /// Untag every resource named in FILE (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    pub ids_from: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// The resources a tag or untag names, and what it sets or removes: one
/// resource then its tags, or (`--ids-from`) the file's resources and every
/// word a tag.
fn split_words(
    kind: Tagged,
    words: &[String],
    ids_from: Option<&str>,
    what: &str,
) -> Result<(Vec<Named>, Vec<String>)> {
    let (resources, rest) = match ids_from {
        Some(path) => {
            let targets = TargetArgs {
                ids: Vec::new(),
                ids_from: Some(path.to_owned()),
            };
            let resources = targets
                .collect_named(None, &["arn", "id"], |r| {
                    name_of(kind, r).map(|_| r.to_owned())
                })?
                .into_iter()
                .map(placed_by_arn)
                .collect::<Result<Vec<_>>>()?;
            (resources, words.to_vec())
        }
        None => {
            let Some((resource, rest)) = words.split_first() else {
                return Err(AppError::usage(format!(
                    "name a {} and the {what}",
                    kind.noun()
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

/// Applies `change` to each resource (`--ids-from`: through the bulk
/// executor, with its retries and per-target report), each in the region
/// and account its record or ARN names.
async fn change_each<F, Fut>(
    ctx: &Context,
    bulk: &BulkArgs,
    kind: Tagged,
    action: &'static str,
    resources: Vec<Named>,
    change: F,
) -> Result<()>
where
    F: Fn(Client, String) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let routed = route(ctx, Service::ThinClient, resources).await?;
    let places = &routed.places;
    let report = Executor::for_verb(ctx, bulk, places, 1)
        .run(action, routed.targets(), |batch| {
            each_target(batch, |target| {
                let (client, change) = (places.thin_client(target.place).clone(), &change);
                async move {
                    let arn = resolve_arn(&client, kind, &target.id).await?;
                    change(client, arn).await
                }
            })
        })
        .await?;
    report.finish(ctx)
}

async fn resolve_arn(client: &Client, kind: Tagged, resource: &str) -> Result<String> {
    match name_of(kind, resource)? {
        IdOrArn::Arn(arn) => Ok(arn),
        IdOrArn::Id(id) => kind.arn_of(client, &id).await?.ok_or_else(|| {
            AppError::Other(anyhow::anyhow!(
                "the service gave no ARN for {} {id}",
                kind.noun()
            ))
        }),
    }
}

/// Lists the tags: a KEY/VALUE table (or CSV rows) for people, the API's
/// `{"tags": {...}}` in JSON.
pub async fn tags(args: TagsArgs, kind: Tagged, ctx: &Context) -> Result<()> {
    let named = name_of(kind, &args.resource)?;
    let as_object = matches!(ctx.printer.format(), Format::Json | Format::Ndjson);
    let (client, arn) = arn(ctx, kind, named).await?;
    let tags = retrying(|| list_tags(&client, &arn)).await?;
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
    ctx.printer
        .note_if_none(writer.finish()?, format!("the {} has no tags", kind.noun()));
    Ok(())
}

pub async fn tag(args: TagArgs, kind: Tagged, ctx: &Context) -> Result<()> {
    let (resources, texts) = split_words(kind, &args.words, args.ids_from.as_deref(), "tags")?;
    let tags = tags::map(&texts, TagRules::Resource)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would tag {} {}(s) with {} tag(s); nothing was changed",
            resources.len(),
            kind.noun(),
            tags.len()
        ));
        return Ok(());
    }
    if args.ids_from.is_some() {
        return change_each(ctx, &args.bulk, kind, "tag", resources, |client, arn| {
            let tags = tags.clone();
            async move { tag_resource(&client, &arn, tags).await }
        })
        .await;
    }
    let named = name_of(kind, &resources[0].id)?;
    let (client, arn) = arn(ctx, kind, named).await?;
    let count = tags.len();
    retrying(|| tag_resource(&client, &arn, tags.clone())).await?;
    ctx.printer
        .note(format!("tagged {arn}: {count} tag(s) set"));
    Ok(())
}

pub async fn untag(args: UntagArgs, kind: Tagged, ctx: &Context) -> Result<()> {
    let (resources, words) = split_words(kind, &args.words, args.ids_from.as_deref(), "tag keys")?;
    let keys = words
        .iter()
        .map(|key| tags::key(key, TagRules::Resource))
        .collect::<Result<Vec<_>>>()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would remove {} tag(s) from {} {}(s); nothing was changed",
            keys.len(),
            resources.len(),
            kind.noun()
        ));
        return Ok(());
    }
    if args.ids_from.is_some() {
        return change_each(ctx, &args.bulk, kind, "untag", resources, |client, arn| {
            let keys = keys.clone();
            async move { untag_resource(&client, &arn, keys).await }
        })
        .await;
    }
    let named = name_of(kind, &resources[0].id)?;
    let (client, arn) = arn(ctx, kind, named).await?;
    let count = keys.len();
    retrying(|| untag_resource(&client, &arn, keys.clone())).await?;
    ctx.printer
        .note(format!("untagged {arn}: {count} key(s) removed"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_arns_are_checked_for_the_group() {
        assert!(matches!(
            name_of(Tagged::Device, "abcdefghijklmnopqrstuvwx"),
            Ok(IdOrArn::Id(_))
        ));
        assert!(matches!(
            name_of(
                Tagged::Environment,
                "arn:aws:thinclient:us-east-1:123456789012:environment/abc123xyz"
            ),
            Ok(IdOrArn::Arn(_))
        ));
        let err = name_of(
            Tagged::Device,
            "arn:aws:thinclient:us-east-1:123456789012:environment/abc123xyz",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("not the ARN of a device"), "{err}");
        assert!(name_of(Tagged::SoftwareSet, "abc").is_err());
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
