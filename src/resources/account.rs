//! The account's BYOL settings: DescribeAccount's, DescribeAccountModifications'
//! and ListAvailableManagementCidrRanges' fields.

use aws_sdk_workspaces::operation::describe_account::DescribeAccountOutput;
use aws_sdk_workspaces::types::AccountModification;

use crate::api::account::ManagementCidr;
use crate::output::{Column, Resource, columns_get as get};

impl Resource for DescribeAccountOutput {
    const KIND: &'static str = "account";

    fn columns() -> &'static [Column<Self>] {
        ACCOUNT_COLUMNS
    }
}

const ACCOUNT_COLUMNS: &[Column<DescribeAccountOutput>] = &[
    Column::new("DedicatedTenancySupport", |a: &DescribeAccountOutput| {
        get::enumeration(a.dedicated_tenancy_support())
    })
    .shown("DEDICATED TENANCY"),
    Column::new(
        "DedicatedTenancyManagementCidrRange",
        |a: &DescribeAccountOutput| get::text(a.dedicated_tenancy_management_cidr_range()),
    )
    .shown("MANAGEMENT CIDR"),
    Column::new(
        "DedicatedTenancyAccountType",
        |a: &DescribeAccountOutput| get::enumeration(a.dedicated_tenancy_account_type()),
    )
    .shown("ACCOUNT TYPE"),
    Column::new("Message", |a: &DescribeAccountOutput| {
        get::text(a.message())
    }),
];

impl Resource for AccountModification {
    const KIND: &'static str = "account modification";

    fn columns() -> &'static [Column<Self>] {
        MODIFICATION_COLUMNS
    }
}

const MODIFICATION_COLUMNS: &[Column<AccountModification>] = &[
    Column::new("StartTime", |m: &AccountModification| {
        get::time(m.start_time())
    })
    .shown("STARTED"),
    Column::new("ModificationState", |m: &AccountModification| {
        get::enumeration(m.modification_state())
    })
    .shown("STATE"),
    Column::new("DedicatedTenancySupport", |m: &AccountModification| {
        get::enumeration(m.dedicated_tenancy_support())
    })
    .shown("DEDICATED TENANCY"),
    Column::new(
        "DedicatedTenancyManagementCidrRange",
        |m: &AccountModification| get::text(m.dedicated_tenancy_management_cidr_range()),
    )
    .shown("MANAGEMENT CIDR"),
    Column::new("ErrorCode", |m: &AccountModification| {
        get::text(m.error_code())
    })
    .shown("ERROR"),
    Column::new("ErrorMessage", |m: &AccountModification| {
        get::text(m.error_message())
    }),
];

impl Resource for ManagementCidr {
    const KIND: &'static str = "management CIDR range";

    fn columns() -> &'static [Column<Self>] {
        CIDR_COLUMNS
    }
}

const CIDR_COLUMNS: &[Column<ManagementCidr>] =
    &[Column::new("ManagementCidrRange", |c: &ManagementCidr| {
        get::text(Some(&c.0))
    })
    .shown("MANAGEMENT CIDR")];
