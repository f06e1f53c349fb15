//! Tags on devices, environments and software sets, named by ARN.

use std::collections::BTreeMap;

use serde_json::json;

use super::call::{ARN_PATTERN, Answer, ok};
use super::error::TcError;
use super::model::{ResourceKind, ThinClientState};
use super::validate::{self, Body, Checks};
use super::{Clock, Request};

impl ThinClientState {
    pub(super) fn list_tags_for_resource(&self, request: &Request, _: Clock) -> Answer {
        let tags = self.tags_of(request)?.clone();
        ok(200, json!({ "tags": tags }))
    }

    pub(super) fn tag_resource(&mut self, request: &Request, _: Clock) -> Answer {
        let body = Body::parse(request.body)?;
        let mut checks = Checks::default();
        let new_tags = body.string_map("tags")?;
        match &new_tags {
            Some(tags) => checks.tags("tags", tags),
            None => checks.required("tags"),
        }
        checks.finish()?;
        let tags = self.tags_of_mut(request)?;
        let mut merged = tags.clone();
        merged.extend(new_tags.unwrap_or_default());
        if merged.len() > 50 {
            return Err(TcError::field(
                "tags",
                "A resource can have at most 50 tags.".to_string(),
            ));
        }
        *tags = merged;
        ok(200, json!({}))
    }

    pub(super) fn untag_resource(&mut self, request: &Request, _: Clock) -> Answer {
        let keys: Vec<String> = request
            .query
            .iter()
            .filter(|(key, _)| key == "tagKeys")
            .map(|(_, value)| value.clone())
            .collect();
        if keys.is_empty() {
            let mut checks = Checks::default();
            checks.required("tagKeys");
            checks.finish()?;
        }
        let tags = self.tags_of_mut(request)?;
        for key in keys {
            tags.remove(&key);
        }
        ok(200, json!({}))
    }

    /// The tags of the resource the request's ARN names.
    fn tags_of(&self, request: &Request) -> Result<&BTreeMap<String, String>, TcError> {
        let (kind, id) = self.tagged_resource(request)?;
        let tags = match kind {
            ResourceKind::Device => self.devices.get(id).map(|device| &device.tags),
            ResourceKind::Environment => self
                .environments
                .get(id)
                .map(|environment| &environment.tags),
            ResourceKind::SoftwareSet => self.software_sets.get(id).map(|set| &set.tags),
        };
        tags.ok_or_else(|| not_found(request))
    }

    fn tags_of_mut(&mut self, request: &Request) -> Result<&mut BTreeMap<String, String>, TcError> {
        let (kind, id) = self.tagged_resource(request)?;
        let tags = match kind {
            ResourceKind::Device => self.devices.get_mut(id).map(|device| &mut device.tags),
            ResourceKind::Environment => self
                .environments
                .get_mut(id)
                .map(|environment| &mut environment.tags),
            ResourceKind::SoftwareSet => self.software_sets.get_mut(id).map(|set| &mut set.tags),
        };
        tags.ok_or_else(|| not_found(request))
    }

    /// The kind and id of the resource the request's ARN names, once the ARN
    /// is checked to be a Thin Client one of this account and region.
    fn tagged_resource<'a>(
        &self,
        request: &'a Request,
    ) -> Result<(ResourceKind, &'a str), TcError> {
        let arn = request.route.label.as_deref().unwrap_or_default();
        let mut checks = Checks::default();
        checks.pattern("resourceArn", arn, validate::is_arn(arn), ARN_PATTERN);
        checks.finish()?;
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let [_, _, service, region, account, resource] = parts.as_slice() else {
            return Err(not_found(request));
        };
        if *account != self.account {
            return Err(TcError::AccessDenied {
                message: format!(
                    "User is not authorized to access resources in account {account}."
                ),
            });
        }
        if *service != "thinclient" || *region != self.region {
            return Err(not_found(request));
        }
        let (kind, id) = resource.split_once('/').unwrap_or((resource, ""));
        [
            ResourceKind::Device,
            ResourceKind::Environment,
            ResourceKind::SoftwareSet,
        ]
        .into_iter()
        .find(|candidate| candidate.arn_type() == kind)
        .map(|kind| (kind, id))
        .ok_or_else(|| not_found(request))
    }
}

fn not_found(request: &Request) -> TcError {
    TcError::not_found(
        "resource",
        request.route.label.as_deref().unwrap_or_default(),
    )
}
