//! Column declarations, one module a resource.

pub mod devices;
pub mod environments;
pub mod software_sets;
pub mod tags;
