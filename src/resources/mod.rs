//! Column declarations, one module a resource.

pub mod applications;
pub mod devices;
pub mod images;
pub mod workspaces;
