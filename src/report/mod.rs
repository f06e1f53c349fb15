//! The whole fleet at once: `report` summarises it, `export` writes it down.
//! Both read every scope (profile × region) through [`inventory::gather`].

pub mod inventory;
pub mod summary;

/// AWS's notice on every Thin Client API page, said once where it helps:
/// atop the Thin Client groups' help and the report's Thin Client section.
pub const THIN_CLIENT_END: &str = "Note: AWS ends WorkSpaces Thin Client on 2027-03-31.
Keep an inventory of the fleet with `wsfleet export --out DIR`.";

/// The report's groups that are Thin Client's.
pub const THIN_CLIENT_GROUPS: [&str; 3] = ["devices", "environments", "softwareSets"];
