//! Tags on WorkSpaces, images, bundles and directories.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{Input, check_length, missing};
use super::model::Tag;
use super::paging::to_json;
use super::{Clock, WorkspacesState};

/// A resource holds at most this many tags.
const TAGS_PER_RESOURCE: usize = 50;

/// Reads a `Tags` list, checking key and value lengths as the model does.
pub fn parse_tags(input: &Input, member: &str) -> Result<Option<Vec<Tag>>, WsError> {
    let Some(items) = input.objects(member)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|item| {
            let key = item.required_str("Key")?;
            check_length(&item.path_of("Key"), key, 1, 127)?;
            let value = item.str("Value")?;
            if let Some(value) = value {
                check_length(&item.path_of("Value"), value, 0, 255)?;
            }
            Ok(Tag {
                key: key.to_owned(),
                value: value.map(str::to_owned),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

impl WorkspacesState {
    /// Whether `resource_id` names a WorkSpace, image, bundle, directory,
    /// pool, IP group or connection alias of the account.
    fn taggable(&self, resource_id: &str) -> bool {
        self.workspaces.contains_key(resource_id)
            || self.images.contains_key(resource_id)
            || self
                .bundles
                .get(resource_id)
                .is_some_and(|bundle| !bundle.amazon_owned)
            || self.directories.contains_key(resource_id)
            || self.ip_groups.contains_key(resource_id)
            || self.pools.contains_key(resource_id)
            || self.connection_aliases.contains_key(resource_id)
    }

    fn tagged_resource<'a>(&self, input: &Input<'a>) -> Result<&'a str, WsError> {
        let resource_id = input.required_str("ResourceId")?;
        // ResourceId is a NonEmptyString in the model: no upper bound.
        check_length(&input.path_of("ResourceId"), resource_id, 1, usize::MAX)?;
        if self.taggable(resource_id) {
            Ok(resource_id)
        } else {
            Err(WsError::not_found(format!(
                "The resource {resource_id} could not be found."
            )))
        }
    }

    pub(super) fn create_tags(&mut self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let new_tags = parse_tags(input, "Tags")?.ok_or_else(|| missing(&input.path_of("Tags")))?;
        let resource_id = self.tagged_resource(input)?;
        if let Some(reserved) = new_tags
            .iter()
            .find(|tag| tag.key.to_ascii_lowercase().starts_with("aws:"))
        {
            return Err(WsError::invalid_parameter(format!(
                "The tag key {} uses the reserved prefix aws:.",
                reserved.key
            )));
        }
        let mut tags = self.tags.get(resource_id).cloned().unwrap_or_default();
        for tag in new_tags {
            match tags.iter_mut().find(|existing| existing.key == tag.key) {
                Some(existing) => existing.value = tag.value,
                None => tags.push(tag),
            }
        }
        if tags.len() > TAGS_PER_RESOURCE {
            return Err(WsError::of(
                "ResourceLimitExceededException",
                format!("A resource can have at most {TAGS_PER_RESOURCE} tags."),
            ));
        }
        self.tags.insert(resource_id.to_owned(), tags);
        Ok(json!({}))
    }

    pub(super) fn describe_tags(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let resource_id = self.tagged_resource(input)?;
        let tags = self
            .tags
            .get(resource_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(json!({"TagList": to_json(&tags)?}))
    }

    pub(super) fn delete_tags(&mut self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let keys = input
            .strings("TagKeys")?
            .ok_or_else(|| missing(&input.path_of("TagKeys")))?;
        let resource_id = self.tagged_resource(input)?;
        if let Some(tags) = self.tags.get_mut(resource_id) {
            tags.retain(|tag| !keys.contains(&tag.key.as_str()));
            if tags.is_empty() {
                self.tags.remove(resource_id);
            }
        }
        Ok(json!({}))
    }
}
