//! The whole fleet at once: `report` summarises it, `export` writes it down.
//! Both read every scope (profile × region) through [`inventory::gather`].

pub mod inventory;
pub mod summary;
