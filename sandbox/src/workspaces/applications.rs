//! The applications WorkSpaces can install, and the filters that find them.

use serde_json::Value;

use super::error::WsError;
use super::input::{APPLICATION_ID, Input, check_enum, check_enums, page_size};
use super::model::{Application, COMPUTE_TYPES, LICENSE_TYPES, OPERATING_SYSTEM_NAMES};
use super::paging::Listing;
use super::{Clock, WorkspacesState};

impl WorkspacesState {
    pub(super) fn application(&self, application_id: &str) -> Result<&Application, WsError> {
        self.applications.get(application_id).ok_or_else(|| {
            WsError::not_found(format!(
                "The application {application_id} could not be found."
            ))
        })
    }

    pub(super) fn describe_applications(&self, input: &Input, _: &Clock) -> Result<Value, WsError> {
        let application_ids = input.id_list("ApplicationIds", &APPLICATION_ID)?;
        let compute_types = input.strings("ComputeTypeNames")?;
        if let Some(types) = &compute_types {
            check_enums(&input.path_of("ComputeTypeNames"), types, COMPUTE_TYPES)?;
        }
        let license_type = input.str("LicenseType")?;
        if let Some(license) = license_type {
            check_enum(&input.path_of("LicenseType"), license, LICENSE_TYPES)?;
        }
        let operating_systems = input.strings("OperatingSystemNames")?;
        if let Some(names) = &operating_systems {
            check_enums(
                &input.path_of("OperatingSystemNames"),
                names,
                OPERATING_SYSTEM_NAMES,
            )?;
        }
        let owner = input.str("Owner")?;
        if let Some(owner) = owner {
            let account = owner.len() == 12 && owner.chars().all(|c| c.is_ascii_digit());
            if !account && owner != "AMAZON" {
                return Err(WsError::validation(format!(
                    "1 validation error detected: Value '{owner}' at 'owner' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{{12}}|AMAZON$"
                )));
            }
        }
        let size = page_size(input, "MaxResults", 25, 25)?;
        let supports_all = |supported: &[String], wanted: &Option<Vec<&str>>| {
            wanted.as_ref().is_none_or(|wanted| {
                wanted
                    .iter()
                    .all(|name| supported.iter().any(|s| s == name))
            })
        };
        let listing = Listing::start("Applications", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.applications)
            .filter(|(_, application)| {
                application_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&application.application_id.as_str()))
                    && supports_all(&application.supported_compute_type_names, &compute_types)
                    && supports_all(
                        &application.supported_operating_system_names,
                        &operating_systems,
                    )
                    && license_type.is_none_or(|license| application.license_type == license)
                    && owner.is_none_or(|owner| application.owner == owner)
            });
        listing.page(entries, size)
    }
}
