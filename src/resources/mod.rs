//! Column declarations, one module a resource.

pub mod devices;
