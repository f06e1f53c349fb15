//! Amazon Connect client add-ins of a directory: listing, creating,
//! updating and deleting them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{DIRECTORY_ID, Input, check_length, constraint_failure, page_size};
use super::paging::Listing;
use super::pools::{check_uuid, uuid};
use super::seed::SplitMix;
use super::{Clock, WorkspacesState};

/// The add-ins a directory may have.
const ADD_INS_PER_DIRECTORY: usize = 25;

/// An add-in as DescribeConnectClientAddIns shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddIn {
    pub add_in_id: String,
    pub resource_id: String,
    pub name: String,
    #[serde(rename = "URL")]
    pub url: String,
}

/// AddInName: 1 to 64 characters.
fn check_name(input: &Input, name: &str) -> Result<(), WsError> {
    check_length(&input.path_of("Name"), name, 1, 64)
}

/// AddInUrl: `^(http|https)\://\S+`, 1 to 1024.
fn check_url(input: &Input, url: &str) -> Result<(), WsError> {
    let path = input.path_of("URL");
    check_length(&path, url, 1, 1024)?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    if rest.is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace)) {
        Ok(())
    } else {
        Err(constraint_failure(
            &path,
            url,
            "Member must satisfy regular expression pattern: ^(http|https)\\://\\S+",
        ))
    }
}

impl WorkspacesState {
    /// The directory `ResourceId` names, which must be the account's.
    fn add_in_directory<'a>(&self, input: &Input<'a>) -> Result<&'a str, WsError> {
        let directory_id = input.required_id("ResourceId", &DIRECTORY_ID)?;
        if self.directories.contains_key(directory_id) {
            Ok(directory_id)
        } else {
            Err(WsError::not_found(format!(
                "The directory {directory_id} could not be found."
            )))
        }
    }

    /// The add-in `AddInId` names, of the directory `ResourceId` names.
    fn add_in_mut(&mut self, input: &Input) -> Result<&mut AddIn, WsError> {
        let add_in_id = input.required_str("AddInId")?;
        check_uuid(&input.path_of("AddInId"), add_in_id)?;
        let directory_id = self.add_in_directory(input)?;
        self.connect_add_ins
            .get_mut(add_in_id)
            .filter(|add_in| add_in.resource_id == directory_id)
            .ok_or_else(|| {
                WsError::not_found(format!(
                    "The add-in {add_in_id} of the directory {directory_id} could not be found."
                ))
            })
    }

    fn add_in_name_taken(&self, directory_id: &str, name: &str, other_than: &str) -> bool {
        self.connect_add_ins.values().any(|add_in| {
            add_in.resource_id == directory_id
                && add_in.name == name
                && add_in.add_in_id != other_than
        })
    }

    pub(super) fn describe_connect_client_add_ins(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = self.add_in_directory(input)?;
        let size = page_size(input, "MaxResults", 25, 25)?;
        let listing = Listing::start("AddIns", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.connect_add_ins)
            .filter(|(_, add_in)| add_in.resource_id == directory_id);
        listing.page(entries, size)
    }

    pub(super) fn create_connect_client_add_in(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("Name")?;
        check_name(input, name)?;
        let url = input.required_str("URL")?;
        check_url(input, url)?;
        let directory_id = self.add_in_directory(input)?;
        if self.add_in_name_taken(directory_id, name, "") {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("The directory {directory_id} already has an add-in named {name}."),
            ));
        }
        let count = self
            .connect_add_ins
            .values()
            .filter(|add_in| add_in.resource_id == directory_id)
            .count();
        if count >= ADD_INS_PER_DIRECTORY {
            return Err(WsError::of(
                "ResourceCreationFailedException",
                format!("A directory can have at most {ADD_INS_PER_DIRECTORY} add-ins."),
            ));
        }
        let add_in_id = uuid(&mut self.id_source);
        self.connect_add_ins.insert(
            add_in_id.clone(),
            AddIn {
                add_in_id: add_in_id.clone(),
                resource_id: directory_id.to_owned(),
                name: name.to_owned(),
                url: url.to_owned(),
            },
        );
        Ok(json!({ "AddInId": add_in_id }))
    }

    pub(super) fn update_connect_client_add_in(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.str("Name")?;
        if let Some(name) = name {
            check_name(input, name)?;
        }
        let url = input.str("URL")?;
        if let Some(url) = url {
            check_url(input, url)?;
        }
        let (directory_id, add_in_id) = {
            let add_in = self.add_in_mut(input)?;
            (add_in.resource_id.clone(), add_in.add_in_id.clone())
        };
        if let Some(name) = name
            && self.add_in_name_taken(&directory_id, name, &add_in_id)
        {
            return Err(WsError::invalid_parameter(format!(
                "The directory {directory_id} already has an add-in named {name}."
            )));
        }
        let add_in = self.add_in_mut(input)?;
        if let Some(name) = name {
            add_in.name = name.to_owned();
        }
        if let Some(url) = url {
            add_in.url = url.to_owned();
        }
        Ok(json!({}))
    }

    pub(super) fn delete_connect_client_add_in(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let add_in_id = self.add_in_mut(input)?.add_in_id.clone();
        self.connect_add_ins.remove(&add_in_id);
        Ok(json!({}))
    }
}

/// Two add-ins on the first directory, so listings have something to show.
pub(super) fn seed_connect_add_ins(state: &mut WorkspacesState, rng: &mut SplitMix) {
    let Some(directory_id) = state.directories.keys().next().cloned() else {
        return;
    };
    for (name, url) in [
        (
            "Contact Control Panel",
            "https://example.my.connect.aws/ccp-v2",
        ),
        (
            "Agent Workspace",
            "https://example.my.connect.aws/agent-app-v2",
        ),
    ] {
        let add_in_id = uuid(rng);
        state.connect_add_ins.insert(
            add_in_id.clone(),
            AddIn {
                add_in_id,
                resource_id: directory_id.clone(),
                name: name.to_owned(),
                url: url.to_owned(),
            },
        );
    }
}

/// Keyed by add-in id.
pub type AddIns = BTreeMap<String, AddIn>;
