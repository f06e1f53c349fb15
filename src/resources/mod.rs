//! Column declarations, one module a resource.

pub mod devices;
pub mod applications;
pub mod images;
pub mod workspaces;
