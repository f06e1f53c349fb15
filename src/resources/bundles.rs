//! WorkSpace bundles: DescribeWorkspaceBundles' fields.

use aws_sdk_workspaces::types::WorkspaceBundle;

use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::IMAGES;

impl Resource for WorkspaceBundle {
    const KIND: &'static str = "bundle";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<WorkspaceBundle>] = &[
    Column::new("BundleId", |b: &WorkspaceBundle| get::text(b.bundle_id())).shown("ID"),
    Column::new("Name", |b: &WorkspaceBundle| get::text(b.name())).shown("NAME"),
    Column::new("Owner", |b: &WorkspaceBundle| get::text(b.owner())).shown("OWNER"),
    Column::new("Description", |b: &WorkspaceBundle| {
        get::text(b.description())
    }),
    Column::new("ImageId", |b: &WorkspaceBundle| get::text(b.image_id()))
        .shown("IMAGE")
        .refers_to(IMAGES),
    Column::new("RootStorage.Capacity", |b: &WorkspaceBundle| {
        get::text(b.root_storage().map(|s| s.capacity()))
    }),
    Column::new("UserStorage.Capacity", |b: &WorkspaceBundle| {
        get::text(b.user_storage().map(|s| s.capacity()))
    }),
    Column::new("ComputeType.Name", |b: &WorkspaceBundle| {
        get::enumeration(b.compute_type().and_then(|c| c.name()))
    })
    .shown("COMPUTE"),
    Column::new("LastUpdatedTime", |b: &WorkspaceBundle| {
        get::time(b.last_updated_time())
    }),
    Column::new("CreationTime", |b: &WorkspaceBundle| {
        get::time(b.creation_time())
    }),
    Column::new("State", |b: &WorkspaceBundle| get::enumeration(b.state())).shown("STATE"),
    Column::new("BundleType", |b: &WorkspaceBundle| {
        get::enumeration(b.bundle_type())
    }),
];
