//! Account links: ListAccountLinks' fields.

use aws_sdk_workspaces::types::AccountLink;

use crate::output::{Column, Resource, columns_get as get};

impl Resource for AccountLink {
    const KIND: &'static str = "account link";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<AccountLink>] = &[
    Column::new("AccountLinkId", |l: &AccountLink| {
        get::text(l.account_link_id())
    })
    .shown("ID"),
    Column::new("AccountLinkStatus", |l: &AccountLink| {
        get::enumeration(l.account_link_status())
    })
    .shown("STATUS"),
    Column::new("SourceAccountId", |l: &AccountLink| {
        get::text(l.source_account_id())
    })
    .shown("SOURCE"),
    Column::new("TargetAccountId", |l: &AccountLink| {
        get::text(l.target_account_id())
    })
    .shown("TARGET"),
];
