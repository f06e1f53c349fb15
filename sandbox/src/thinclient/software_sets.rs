//! Software sets: the software releases devices run, and their validation.

use serde_json::{Value, json};

use super::call::{Answer, SOFTWARE_SET_ID_PATTERN, label_id, no_content, ok, with_token};
use super::error::TcError;
use super::model::ThinClientState;
use super::paging::page;
use super::validate::{self, Body, Checks};
use super::{Clock, Request};

impl ThinClientState {
    pub(super) fn list_software_sets(&self, request: &Request, clock: Clock) -> Answer {
        let page = page(
            &self.software_sets,
            "softwaresets",
            request.query,
            clock.now,
        )?;
        let sets: Vec<Value> = page
            .items
            .iter()
            .map(|s| self.software_set_summary(s))
            .collect();
        ok(
            200,
            with_token(json!({ "softwareSets": sets }), page.next_token),
        )
    }

    pub(super) fn get_software_set(&self, request: &Request, _: Clock) -> Answer {
        let id = label_id(
            request,
            validate::is_software_set_id,
            SOFTWARE_SET_ID_PATTERN,
        )?;
        let set = self
            .software_sets
            .get(id)
            .ok_or_else(|| TcError::not_found("softwareset", id))?;
        ok(200, json!({ "softwareSet": self.software_set_detail(set) }))
    }

    pub(super) fn update_software_set(&mut self, request: &Request, _: Clock) -> Answer {
        let id = label_id(
            request,
            validate::is_software_set_id,
            SOFTWARE_SET_ID_PATTERN,
        )?;
        let body = Body::parse(request.body)?;
        let status = body.string("validationStatus")?;
        let mut checks = Checks::default();
        match &status {
            Some(status) => {
                checks.one_of("validationStatus", status, validate::VALIDATION_STATUSES)
            }
            None => checks.required("validationStatus"),
        }
        checks.finish()?;
        let set = self
            .software_sets
            .get_mut(id)
            .ok_or_else(|| TcError::not_found("softwareset", id))?;
        if let Some(status) = status {
            set.validation_status = status;
        }
        no_content()
    }
}
