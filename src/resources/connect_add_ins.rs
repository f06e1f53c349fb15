//! Amazon Connect client add-ins: DescribeConnectClientAddIns' fields.

use aws_sdk_workspaces::types::ConnectClientAddIn;

use crate::output::{Column, Resource, columns_get as get};

impl Resource for ConnectClientAddIn {
    const KIND: &'static str = "add-in";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<ConnectClientAddIn>] = &[
    Column::new("AddInId", |a: &ConnectClientAddIn| get::text(a.add_in_id())).shown("ID"),
    Column::new("Name", |a: &ConnectClientAddIn| get::text(a.name())).shown("NAME"),
    Column::new("URL", |a: &ConnectClientAddIn| get::text(a.url())).shown("URL"),
    Column::new("ResourceId", |a: &ConnectClientAddIn| {
        get::text(a.resource_id())
    }),
];
