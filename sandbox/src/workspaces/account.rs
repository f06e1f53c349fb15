//! The account's bring-your-own-license settings: dedicated tenancy and the
//! /16 management network range its WorkSpaces are managed through.
//!
//! The account starts with dedicated tenancy DISABLED. ModifyAccount enables
//! it with a management range taken from what ListAvailableManagementCidrRanges
//! offers (a /16 of the private ranges that the account does not use); the
//! modification is PENDING for one transition, then COMPLETED, and only then
//! does DescribeAccount show the new settings. While one is PENDING another
//! is refused, and once dedicated tenancy is enabled it stays enabled.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::error::WsError;
use super::input::{Input, check_enum, constraint_failure, page_size};
use super::model::{epoch_seconds, optional_epoch_seconds};
use super::paging::Listing;
use super::{Clock, WorkspacesState, earliest};

const ENABLED: &str = "ENABLED";
const DISABLED: &str = "DISABLED";
const PENDING: &str = "PENDING";
const COMPLETED: &str = "COMPLETED";
const FAILED: &str = "FAILED";

/// DescribeAccountModifications has no page size member: the service picks one.
const MODIFICATIONS_PAGE: usize = 3;

/// The private ranges (RFC 1918) management ranges are taken from.
const PRIVATE_RANGES: [(Ipv4Addr, u8); 3] = [
    (Ipv4Addr::new(10, 0, 0, 0), 8),
    (Ipv4Addr::new(172, 16, 0, 0), 12),
    (Ipv4Addr::new(192, 168, 0, 0), 16),
];

/// Ranges the account's own networks use (its default VPC), never offered.
const IN_USE: [&str; 1] = ["172.31.0.0/16"];

/// The account's settings and the modifications made to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    dedicated_tenancy_support: String,
    management_cidr_range: Option<String>,
    /// Keyed by a sequence number, so pages come oldest first.
    modifications: BTreeMap<String, ModificationRecord>,
}

impl Default for Account {
    fn default() -> Self {
        Self {
            dedicated_tenancy_support: DISABLED.to_owned(),
            management_cidr_range: None,
            modifications: BTreeMap::new(),
        }
    }
}

/// AccountModification as the API answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Modification {
    modification_state: String,
    dedicated_tenancy_support: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dedicated_tenancy_management_cidr_range: Option<String>,
    #[serde(with = "epoch_seconds")]
    start_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ModificationRecord {
    modification: Modification,
    /// When a PENDING modification completes.
    #[serde(default, with = "optional_epoch_seconds")]
    completes_at: Option<DateTime<Utc>>,
}

/// An IPv4 CIDR block, its address masked to the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    network: u32,
    prefix: u8,
}

impl Block {
    fn new(address: Ipv4Addr, prefix: u8) -> Self {
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(prefix))
        };
        Self {
            network: u32::from(address) & mask,
            prefix,
        }
    }

    /// `a.b.c.d/p`, as the constraint patterns allow it.
    fn parse(text: &str) -> Option<Self> {
        let (address, prefix) = text.split_once('/')?;
        let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32)?;
        Some(Self::new(address.parse().ok()?, prefix))
    }

    fn contains(&self, other: &Block) -> bool {
        other.prefix >= self.prefix && Block::new(other.network.into(), self.prefix) == *self
    }

    /// The part of two blocks both cover, if any.
    fn overlap(&self, other: &Block) -> Option<Block> {
        if self.contains(other) {
            Some(*other)
        } else if other.contains(self) {
            Some(*self)
        } else {
            None
        }
    }

    fn text(&self) -> String {
        format!("{}/{}", Ipv4Addr::from(self.network), self.prefix)
    }
}

/// Every /16 of `within` the account may use: private, and not in use.
fn available_ranges(within: &Block, taken: &[String]) -> BTreeMap<String, String> {
    let mut ranges = BTreeMap::new();
    for (address, prefix) in PRIVATE_RANGES {
        let Some(block) = Block::new(address, prefix).overlap(within) else {
            continue;
        };
        if block.prefix > 16 {
            continue;
        }
        let count = 1u32 << (16 - block.prefix);
        for index in 0..count {
            let range = Block {
                network: block.network + (index << 16),
                prefix: 16,
            }
            .text();
            if !IN_USE.contains(&range.as_str()) && !taken.contains(&range) {
                ranges.insert(format!("{:010}", block.network + (index << 16)), range);
            }
        }
    }
    ranges
}

/// DedicatedTenancyManagementCidrRange: `A.B.0.0/16`.
fn check_management_range(path: &str, value: &str) -> Result<(), WsError> {
    let ok = value.strip_suffix(".0.0/16").is_some_and(|head| {
        let octets: Vec<&str> = head.split('.').collect();
        octets.len() == 2 && octets.iter().all(|o| canonical_octet(o))
    });
    if ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: (^([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\\.([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\\.0\\.0)(\\/(16$))$",
        ))
    }
}

/// ManagementCidrRangeConstraint: an address and a prefix of 0 to 32.
fn check_constraint(path: &str, value: &str) -> Result<Block, WsError> {
    let shaped = value.split_once('/').is_some_and(|(address, prefix)| {
        let octets: Vec<&str> = address.split('.').collect();
        octets.len() == 4
            && octets.iter().all(|o| canonical_octet(o))
            && canonical_octet(prefix)
            && prefix.parse::<u8>().is_ok_and(|p| p <= 32)
    });
    shaped.then(|| Block::parse(value)).flatten().ok_or_else(|| {
        constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\\/(3[0-2]|[1-2][0-9]|[0-9]))$",
        )
    })
}

/// 0 to 255 without a leading zero.
fn canonical_octet(text: &str) -> bool {
    (text == "0" || (!text.is_empty() && !text.starts_with('0')))
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.parse::<u8>().is_ok()
}

impl Account {
    fn pending(&self) -> Option<&Modification> {
        self.modifications
            .values()
            .map(|record| &record.modification)
            .find(|m| m.modification_state == PENDING)
    }

    /// Ranges no one may take: the account's own and one being set.
    fn taken_ranges(&self) -> Vec<String> {
        self.management_cidr_range
            .iter()
            .chain(
                self.pending()
                    .and_then(|m| m.dedicated_tenancy_management_cidr_range.as_ref()),
            )
            .cloned()
            .collect()
    }

    fn record(&mut self, modification: Modification, completes_at: Option<DateTime<Utc>>) {
        let key = format!("m{:06}", self.modifications.len() + 1);
        self.modifications.insert(
            key,
            ModificationRecord {
                modification,
                completes_at,
            },
        );
    }
}

impl WorkspacesState {
    /// Completes the modification that is due; answers when the next one is.
    pub(super) fn advance_account(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let account = &mut self.account;
        let mut still_due = None;
        for record in account.modifications.values_mut() {
            match record.completes_at {
                Some(at) if at <= now => {
                    record.completes_at = None;
                    let modification = &mut record.modification;
                    modification.modification_state = COMPLETED.to_owned();
                    account.dedicated_tenancy_support =
                        modification.dedicated_tenancy_support.clone();
                    if let Some(range) = &modification.dedicated_tenancy_management_cidr_range {
                        account.management_cidr_range = Some(range.clone());
                    }
                }
                Some(at) => still_due = earliest(still_due, Some(at)),
                None => {}
            }
        }
        still_due
    }

    pub(super) fn describe_account(&self, _: &Input, _: &Clock) -> Result<Value, WsError> {
        let account = &self.account;
        let mut answer = Map::new();
        answer.insert(
            "DedicatedTenancySupport".to_owned(),
            account.dedicated_tenancy_support.clone().into(),
        );
        if let Some(range) = &account.management_cidr_range {
            answer.insert(
                "DedicatedTenancyManagementCidrRange".to_owned(),
                range.clone().into(),
            );
        }
        if account.dedicated_tenancy_support == ENABLED {
            answer.insert(
                "DedicatedTenancyAccountType".to_owned(),
                "SOURCE_ACCOUNT".into(),
            );
        }
        Ok(Value::Object(answer))
    }

    pub(super) fn modify_account(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let support = input.str("DedicatedTenancySupport")?;
        if let Some(support) = support {
            check_enum(
                &input.path_of("DedicatedTenancySupport"),
                support,
                &[ENABLED],
            )?;
        }
        let range = input.str("DedicatedTenancyManagementCidrRange")?;
        if let Some(range) = range {
            check_management_range(&input.path_of("DedicatedTenancyManagementCidrRange"), range)?;
        }
        let account = &self.account;
        if let Some(pending) = account.pending() {
            return Err(WsError::invalid_state(format!(
                "A dedicated tenancy modification started at {} is still PENDING.",
                pending.start_time.to_rfc3339()
            )));
        }
        if account.dedicated_tenancy_support == ENABLED {
            return Err(WsError::invalid_state(
                "Dedicated tenancy is already enabled for this account; it cannot be modified.",
            ));
        }
        if support.is_none() {
            return Err(WsError::invalid_parameter(
                "DedicatedTenancySupport must be ENABLED to set a management CIDR range.",
            ));
        }
        let Some(range) = range else {
            return Err(WsError::invalid_parameter(
                "Enabling dedicated tenancy needs a DedicatedTenancyManagementCidrRange.",
            ));
        };
        let offered = Block::parse(range)
            .map(|block| available_ranges(&block, &account.taken_ranges()))
            .unwrap_or_default();
        if !offered.values().any(|r| r == range) {
            return Err(WsError::invalid_parameter(format!(
                "The management CIDR range {range} is not available; choose one that ListAvailableManagementCidrRanges answers."
            )));
        }
        let modification = Modification {
            modification_state: PENDING.to_owned(),
            dedicated_tenancy_support: ENABLED.to_owned(),
            dedicated_tenancy_management_cidr_range: Some(range.to_owned()),
            start_time: clock.now,
            error_code: None,
            error_message: None,
        };
        let completes_at = clock.after(1);
        self.account.record(modification, Some(completes_at));
        Ok(json!({}))
    }

    pub(super) fn describe_account_modifications(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        // Only AccessDeniedException is declared: an unreadable token is a
        // front-end ValidationException.
        let listing = Listing::start("AccountModifications", input.str("NextToken")?)
            .map_err(|error| WsError::validation(error.message))?;
        let entries = listing
            .entries(&self.account.modifications)
            .map(|(key, record)| (key, &record.modification));
        listing.page(entries, MODIFICATIONS_PAGE)
    }

    pub(super) fn list_available_management_cidr_ranges(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let constraint = input.required_str("ManagementCidrRangeConstraint")?;
        let within = check_constraint(&input.path_of("ManagementCidrRangeConstraint"), constraint)?;
        let size = page_size(input, "MaxResults", 5, 5)?;
        let private = PRIVATE_RANGES
            .iter()
            .any(|(address, prefix)| Block::new(*address, *prefix).overlap(&within).is_some());
        if !private {
            return Err(WsError::invalid_parameter(format!(
                "The range {constraint} is not within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16."
            )));
        }
        if within.prefix > 16 {
            return Err(WsError::invalid_parameter(format!(
                "The range {constraint} is smaller than a /16 management range."
            )));
        }
        let ranges = available_ranges(&within, &self.account.taken_ranges());
        let listing = Listing::start("ManagementCidrRanges", input.str("NextToken")?)?;
        let entries = listing.entries(&ranges);
        listing.page(entries, size)
    }
}

/// Two attempts that failed before the fleet was seeded, and the account
/// still without dedicated tenancy.
pub(super) fn seed_account(state: &mut WorkspacesState, now: DateTime<Utc>) {
    let attempts = [
        (
            90,
            "10.0.0.0/16",
            "InvalidCidrRange.Overlap",
            "The management CIDR range overlaps the range of the directory's VPC.",
        ),
        (
            60,
            "192.168.0.0/16",
            "ResourceUnavailable.Network",
            "The management network could not be created; try again.",
        ),
        (
            30,
            "172.31.0.0/16",
            "InvalidCidrRange.InUse",
            "The management CIDR range is in use by the account's default VPC.",
        ),
    ];
    for (days_ago, range, code, message) in attempts {
        let modification = Modification {
            modification_state: FAILED.to_owned(),
            dedicated_tenancy_support: ENABLED.to_owned(),
            dedicated_tenancy_management_cidr_range: Some(range.to_owned()),
            start_time: now - TimeDelta::days(days_ago),
            error_code: Some(code.to_owned()),
            error_message: Some(message.to_owned()),
        };
        state.account.record(modification, None);
    }
}
