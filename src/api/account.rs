//! The account's bring-your-own-license settings: dedicated tenancy and the
//! management network range it needs. Neither DescribeAccountModifications
//! nor ListAvailableManagementCidrRanges has an SDK paginator, so both
//! follow `NextToken` themselves.

use aws_sdk_workspaces::operation::describe_account::DescribeAccountOutput;
use aws_sdk_workspaces::types::{AccountModification, DedicatedTenancySupportEnum};

use super::{Pages, WorkspacesClient as Client};
use crate::error::Result;

pub async fn describe_account(client: &Client) -> Result<DescribeAccountOutput> {
    client
        .describe_account()
        .send()
        .await
        .map_err(|e| client.error("DescribeAccount", e))
}

/// ModifyAccount; `None` leaves a setting as it is. Answers the service's
/// message, if it gave one.
pub async fn modify_account(
    client: &Client,
    support: Option<DedicatedTenancySupportEnum>,
    management_cidr: Option<String>,
) -> Result<Option<String>> {
    let output = client
        .modify_account()
        .set_dedicated_tenancy_support(support)
        .set_dedicated_tenancy_management_cidr_range(management_cidr)
        .send()
        .await
        .map_err(|e| client.error("ModifyAccount", e))?;
    Ok(output.message)
}

/// DescribeAccountModifications, every page.
pub fn account_modifications(client: &Client) -> Pages<AccountModification> {
    let client = client.clone();
    Pages::following_token(move |next_token| {
        let client = client.clone();
        async move {
            let output = client
                .describe_account_modifications()
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("DescribeAccountModifications", e))?;
            Ok((
                output.account_modifications.unwrap_or_default(),
                output.next_token,
            ))
        }
    })
}

/// One management network range the account may use, as
/// ListAvailableManagementCidrRanges names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagementCidr(pub String);

/// ListAvailableManagementCidrRanges within `constraint`, every page.
pub fn management_cidr_ranges(client: &Client, constraint: &str) -> Pages<ManagementCidr> {
    let client = client.clone();
    let constraint = constraint.to_owned();
    Pages::following_token(move |next_token| {
        let client = client.clone();
        let constraint = constraint.clone();
        async move {
            let output = client
                .list_available_management_cidr_ranges()
                .management_cidr_range_constraint(constraint)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| client.error("ListAvailableManagementCidrRanges", e))?;
            let ranges = output.management_cidr_ranges.unwrap_or_default();
            Ok((
                ranges.into_iter().map(ManagementCidr).collect(),
                output.next_token,
            ))
        }
    })
}
