//! Column declarations, one module a resource.

pub mod applications;
pub mod bundles;
pub mod devices;
pub mod environments;
pub mod images;
pub mod software_sets;
pub mod tags;
pub mod workspaces;
