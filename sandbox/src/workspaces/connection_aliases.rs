//! Connection aliases (cross-Region redirection): a fully qualified domain
//! name users register with instead of a directory's registration code. An
//! alias is created (CREATING, then CREATED), associated with at most one
//! directory of the account, shared with other accounts, and deleted
//! (DELETING, then gone) once it is neither associated nor shared.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{IdChars, IdPattern, Input, TextPattern, check_account, missing, page_size};
use super::model::{Advanced, Schedule, ScheduledState, Tag, advance_schedule, seen_in};
use super::paging::Listing;
use super::seed::SplitMix;
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState, earliest};

pub const CONNECTION_ALIAS_ID: IdPattern = IdPattern {
    prefix: "wsca-",
    chars: IdChars::LowerAlphanumeric,
    min: 8,
    max: 63,
    or: None,
    text: "^wsca-[0-9a-z]{8,63}$",
};

/// ConnectionString: `^[.0-9a-zA-Z\-]{1,255}$`.
const CONNECTION_STRING: TextPattern = TextPattern {
    extra_chars: ".-",
    min: 1,
    max: 255,
    text: "^[.0-9a-zA-Z\\-]{1,255}$",
};

/// The most accounts an alias is shared with (the model's
/// ConnectionAliasPermissions holds at most 25).
pub const MAX_SHARED_ACCOUNTS: usize = 25;

/// Aliases a page of DescribeConnectionAliases when the caller sets no
/// `Limit`: small, so a listing of a few already takes several pages.
const DEFAULT_PAGE: usize = 3;

const ASSOCIATED_WITH_OWNER: &str = "ASSOCIATED_WITH_OWNER_ACCOUNT";

/// An alias as DescribeConnectionAliases answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectionAlias {
    pub connection_string: String,
    pub alias_id: String,
    pub state: String,
    pub owner_account_id: String,
    /// The model's list holds 1 to 25: an alias with none leaves it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<AliasAssociation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasAssociation {
    pub association_status: String,
    pub associated_account_id: String,
    pub resource_id: String,
    pub connection_identifier: String,
}

/// An alias, the accounts it is shared with (account → may associate) and
/// the state changes it is going through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AliasRecord {
    pub alias: ConnectionAlias,
    #[serde(default)]
    pub shared_with: BTreeMap<String, bool>,
    #[serde(default, skip_serializing_if = "Schedule::is_empty")]
    pub schedule: Schedule,
    /// The region the alias lives in (cross-Region redirection has the same
    /// connection string in several). `None`: the seeded one, seen in every
    /// region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl AliasRecord {
    fn is_in(&self, region: Option<&str>) -> bool {
        seen_in(self.region.as_deref(), region)
    }
}

/// A list member the model bounds at one item or more: left out when empty.
fn without_empty_list(mut answer: Value, member: &str) -> Value {
    if let Value::Object(members) = &mut answer
        && members
            .get(member)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
    {
        members.remove(member);
    }
    answer
}

fn not_found(alias_id: &str) -> WsError {
    WsError::not_found(format!(
        "The connection alias {alias_id} could not be found."
    ))
}

impl WorkspacesState {
    /// The alias, if the call's region sees it.
    fn alias_record(&self, alias_id: &str, clock: &Clock) -> Result<&AliasRecord, WsError> {
        self.connection_aliases
            .get(alias_id)
            .filter(|record| record.is_in(clock.region.as_deref()))
            .ok_or_else(|| not_found(alias_id))
    }

    /// The alias `AliasId` names, which must be CREATED to be `action`.
    fn created_alias<'a>(
        &self,
        input: &Input<'a>,
        clock: &Clock,
        action: &str,
    ) -> Result<(&'a str, &AliasRecord), WsError> {
        let alias_id = input.required_id("AliasId", &CONNECTION_ALIAS_ID)?;
        let record = self.alias_record(alias_id, clock)?;
        if record.alias.state != "CREATED" {
            return Err(WsError::invalid_state(format!(
                "The connection alias {alias_id} is {}; it can be {action} only once CREATED.",
                record.alias.state
            )));
        }
        Ok((alias_id, record))
    }

    /// The alias a checked call changes.
    fn alias_mut(&mut self, alias_id: &str) -> Result<&mut AliasRecord, WsError> {
        self.connection_aliases
            .get_mut(alias_id)
            .ok_or_else(|| not_found(alias_id))
    }

    /// Applies the due state changes of every alias; answers when the next is due.
    pub(super) fn advance_connection_aliases(
        &mut self,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let mut still_due = None;
        let mut gone = Vec::new();
        for (id, record) in &mut self.connection_aliases {
            let alias = &mut record.alias;
            let outcome = advance_schedule(&mut record.schedule, now, |state, _| {
                alias.state = state;
            });
            if let Advanced::Gone = outcome {
                gone.push(id.clone());
            }
            still_due = earliest(still_due, record.schedule.next_due());
        }
        for id in gone {
            self.connection_aliases.remove(&id);
            self.tags.remove(&id);
        }
        still_due
    }

    pub(super) fn describe_connection_aliases(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let alias_ids = input.id_list("AliasIds", &CONNECTION_ALIAS_ID)?;
        let resource_id = input.str("ResourceId")?;
        if resource_id.is_some_and(str::is_empty) {
            return Err(missing(&input.path_of("ResourceId")));
        }
        let size = page_size(input, "Limit", 25, DEFAULT_PAGE)?;
        let listing = Listing::start("ConnectionAliases", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.connection_aliases)
            .filter(|(_, record)| record.is_in(clock.region.as_deref()))
            .filter(|(id, _)| {
                alias_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&id.as_str()))
            })
            .filter(|(_, record)| {
                resource_id.is_none_or(|resource| {
                    record
                        .alias
                        .associations
                        .iter()
                        .any(|a| a.resource_id == resource)
                })
            })
            .map(|(id, record)| (id, &record.alias));
        Ok(without_empty_list(
            listing.page(entries, size)?,
            "ConnectionAliases",
        ))
    }

    pub(super) fn create_connection_alias(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let connection_string = input.required_str("ConnectionString")?;
        CONNECTION_STRING.check(&input.path_of("ConnectionString"), connection_string)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();
        if let Some(existing) = self.connection_aliases.values().find(|record| {
            record.is_in(clock.region.as_deref())
                && record
                    .alias
                    .connection_string
                    .eq_ignore_ascii_case(connection_string)
        }) {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!(
                    "The connection string {connection_string} is already the alias {}.",
                    existing.alias.alias_id
                ),
            ));
        }
        let alias_id = self
            .id_source
            .fresh_id("wsca-", 9, |id| self.connection_aliases.contains_key(id));
        let record = AliasRecord {
            alias: ConnectionAlias {
                connection_string: connection_string.to_owned(),
                alias_id: alias_id.clone(),
                state: "CREATING".to_owned(),
                owner_account_id: ACCOUNT_ID.to_owned(),
                associations: Vec::new(),
            },
            shared_with: BTreeMap::new(),
            schedule: Schedule::new(vec![ScheduledState {
                at: clock.after(1),
                state: Some("CREATED".to_owned()),
            }]),
            region: clock.region.clone(),
        };
        self.connection_aliases.insert(alias_id.clone(), record);
        if !tags.is_empty() {
            self.tags.insert(alias_id.clone(), tags);
        }
        Ok(json!({ "AliasId": alias_id }))
    }

    pub(super) fn delete_connection_alias(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let alias_id = input.required_id("AliasId", &CONNECTION_ALIAS_ID)?;
        let record = self.alias_record(alias_id, clock)?;
        if let Some(association) = record.alias.associations.first() {
            return Err(WsError::of(
                "ResourceAssociatedException",
                format!(
                    "The connection alias {alias_id} is associated with the directory {}; disassociate it first.",
                    association.resource_id
                ),
            ));
        }
        if record.alias.state != "CREATED" {
            return Err(WsError::invalid_state(format!(
                "The connection alias {alias_id} is {}.",
                record.alias.state
            )));
        }
        if !record.shared_with.is_empty() {
            return Err(WsError::invalid_state(format!(
                "The connection alias {alias_id} is shared with {} account(s); unshare it first.",
                record.shared_with.len()
            )));
        }
        let record = self.alias_mut(alias_id)?;
        record.alias.state = "DELETING".to_owned();
        record.schedule = Schedule::new(vec![ScheduledState {
            at: clock.after(1),
            state: None,
        }]);
        Ok(json!({}))
    }

    pub(super) fn associate_connection_alias(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let directory_id = input.required_str("ResourceId")?;
        if directory_id.is_empty() {
            return Err(missing(&input.path_of("ResourceId")));
        }
        let (alias_id, record) = self.created_alias(input, clock, "associated")?;
        if let Some(association) = record.alias.associations.first() {
            return Err(WsError::of(
                "ResourceAssociatedException",
                format!(
                    "The connection alias {alias_id} is already associated with the directory {}.",
                    association.resource_id
                ),
            ));
        }
        let directory = self.directories.get(directory_id).ok_or_else(|| {
            WsError::not_found(format!("The directory {directory_id} could not be found."))
        })?;
        if directory.state != "REGISTERED" {
            return Err(WsError::invalid_state(format!(
                "The directory {directory_id} is {}.",
                directory.state
            )));
        }
        let taken: Vec<String> = self
            .connection_aliases
            .values()
            .flat_map(|r| r.alias.associations.iter())
            .map(|a| a.connection_identifier.clone())
            .collect();
        let identifier = self
            .id_source
            .fresh_id("", 16, |id| taken.iter().any(|t| t == id));
        self.alias_mut(alias_id)?
            .alias
            .associations
            .push(AliasAssociation {
                association_status: ASSOCIATED_WITH_OWNER.to_owned(),
                associated_account_id: ACCOUNT_ID.to_owned(),
                resource_id: directory_id.to_owned(),
                connection_identifier: identifier.clone(),
            });
        Ok(json!({ "ConnectionIdentifier": identifier }))
    }

    pub(super) fn disassociate_connection_alias(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let (alias_id, record) = self.created_alias(input, clock, "disassociated")?;
        if record.alias.associations.is_empty() {
            return Err(WsError::invalid_state(format!(
                "The connection alias {alias_id} is not associated with a directory."
            )));
        }
        self.alias_mut(alias_id)?
            .alias
            .associations
            .retain(|a| a.associated_account_id != ACCOUNT_ID);
        Ok(json!({}))
    }

    pub(super) fn describe_connection_alias_permissions(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let alias_id = input.required_id("AliasId", &CONNECTION_ALIAS_ID)?;
        let size = page_size(input, "MaxResults", 25, 25)?;
        let listing = Listing::start("ConnectionAliasPermissions", input.str("NextToken")?)?;
        let record = self.alias_record(alias_id, clock)?;
        let entries = listing
            .entries(&record.shared_with)
            .map(|(account, allow)| {
                (
                    account,
                    json!({"SharedAccountId": account, "AllowAssociation": allow}),
                )
            });
        let mut answer =
            without_empty_list(listing.page(entries, size)?, "ConnectionAliasPermissions");
        if let Value::Object(members) = &mut answer {
            members.insert("AliasId".to_owned(), alias_id.into());
        }
        Ok(answer)
    }

    pub(super) fn update_connection_alias_permission(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let permission = input
            .object("ConnectionAliasPermission")?
            .ok_or_else(|| missing(&input.path_of("ConnectionAliasPermission")))?;
        let account = permission.required_str("SharedAccountId")?;
        check_account(&permission.path_of("SharedAccountId"), account)?;
        let allow = permission
            .bool("AllowAssociation")?
            .ok_or_else(|| missing(&permission.path_of("AllowAssociation")))?;
        let (alias_id, record) = self.created_alias(input, clock, "shared or unshared")?;
        let shared_with = &record.shared_with;
        if account == ACCOUNT_ID {
            return Err(WsError::invalid_parameter(format!(
                "The connection alias {alias_id} belongs to the account {account}; it can be shared only with other accounts."
            )));
        }
        if allow {
            if !shared_with.contains_key(account) && shared_with.len() >= MAX_SHARED_ACCOUNTS {
                return Err(WsError::of(
                    "ResourceLimitExceededException",
                    format!(
                        "The connection alias {alias_id} is already shared with {MAX_SHARED_ACCOUNTS} accounts."
                    ),
                ));
            }
            self.alias_mut(alias_id)?
                .shared_with
                .insert(account.to_owned(), true);
        } else {
            if record
                .alias
                .associations
                .iter()
                .any(|a| a.associated_account_id == account)
            {
                return Err(WsError::of(
                    "ResourceAssociatedException",
                    format!(
                        "The account {account} has associated the connection alias {alias_id} with a directory."
                    ),
                ));
            }
            self.alias_mut(alias_id)?.shared_with.remove(account);
        }
        Ok(json!({}))
    }
}

/// One CREATED alias, associated with the first AD directory and tagged.
/// Drawn from a source of its own so that the rest of the fleet stays as
/// it was.
pub fn seed_connection_aliases(state: &mut WorkspacesState, seed: u64) {
    let mut rng = SplitMix::new(seed ^ 0x0A11_A5C0_77EC_7101);
    let alias_id = rng.fresh_id("wsca-", 9, |_| false);
    let associations = state
        .directories
        .keys()
        .find(|id| id.starts_with("d-"))
        .map(|directory_id| AliasAssociation {
            association_status: ASSOCIATED_WITH_OWNER.to_owned(),
            associated_account_id: ACCOUNT_ID.to_owned(),
            resource_id: directory_id.clone(),
            connection_identifier: rng.fresh_id("", 16, |_| false),
        })
        .into_iter()
        .collect();
    let alias = ConnectionAlias {
        connection_string: "desktop.example.com".to_owned(),
        alias_id: alias_id.clone(),
        state: "CREATED".to_owned(),
        owner_account_id: ACCOUNT_ID.to_owned(),
        associations,
    };
    state.connection_aliases.insert(
        alias_id.clone(),
        AliasRecord {
            alias,
            shared_with: BTreeMap::new(),
            schedule: Schedule::default(),
            region: None,
        },
    );
    state.tags.insert(
        alias_id,
        vec![Tag {
            key: "purpose".to_owned(),
            value: Some("cross-region redirection".to_owned()),
        }],
    );
}
