//! Connection aliases: DescribeConnectionAliases' and
//! DescribeConnectionAliasPermissions' fields.

use aws_sdk_workspaces::types::{ConnectionAlias, ConnectionAliasPermission};

use super::workspaces::{object, objects};
use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::DIRECTORIES;

impl Resource for ConnectionAlias {
    const KIND: &'static str = "connection alias";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

// The `Associations.…` columns put each association's directory and status
// beside the alias in tables and CSV (several joined by `;`). They come after
// `Associations`, whose list JSON keeps as the API gives it.
const COLUMNS: &[Column<ConnectionAlias>] = &[
    Column::new("AliasId", |a: &ConnectionAlias| get::text(a.alias_id())).shown("ID"),
    Column::new("ConnectionString", |a: &ConnectionAlias| {
        get::text(a.connection_string())
    })
    .shown("CONNECTION STRING"),
    Column::new("State", |a: &ConnectionAlias| get::enumeration(a.state())).shown("STATE"),
    Column::new("OwnerAccountId", |a: &ConnectionAlias| {
        get::text(a.owner_account_id())
    }),
    Column::new("Associations", |a: &ConnectionAlias| {
        objects(a.associations(), |association| {
            object([
                (
                    "AssociationStatus",
                    get::enumeration(association.association_status()),
                ),
                (
                    "AssociatedAccountId",
                    get::text(association.associated_account_id()),
                ),
                ("ResourceId", get::text(association.resource_id())),
                (
                    "ConnectionIdentifier",
                    get::text(association.connection_identifier()),
                ),
            ])
        })
    }),
    Column::new("Associations.ResourceId", |a: &ConnectionAlias| {
        get::list(a.associations().iter().filter_map(|x| x.resource_id()))
    })
    .shown("DIRECTORY")
    .refers_to(DIRECTORIES),
    Column::new("Associations.AssociationStatus", |a: &ConnectionAlias| {
        get::list(
            a.associations()
                .iter()
                .filter_map(|x| x.association_status().map(|s| s.as_str())),
        )
    })
    .shown("ASSOCIATION"),
    Column::new(
        "Associations.ConnectionIdentifier",
        |a: &ConnectionAlias| {
            get::list(
                a.associations()
                    .iter()
                    .filter_map(|x| x.connection_identifier()),
            )
        },
    ),
];

impl Resource for ConnectionAliasPermission {
    const KIND: &'static str = "connection alias permission";

    fn columns() -> &'static [Column<Self>] {
        PERMISSION_COLUMNS
    }
}

const PERMISSION_COLUMNS: &[Column<ConnectionAliasPermission>] = &[
    Column::new("SharedAccountId", |p: &ConnectionAliasPermission| {
        get::text(Some(p.shared_account_id()))
    })
    .shown("ACCOUNT"),
    Column::new("AllowAssociation", |p: &ConnectionAliasPermission| {
        get::boolean(Some(p.allow_association()))
    })
    .shown("MAY ASSOCIATE"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Selection, View};
    use aws_sdk_workspaces::types::{AssociationStatus, ConnectionAliasAssociation};
    use serde_json::json;

    fn associated() -> ConnectionAlias {
        ConnectionAlias::builder()
            .alias_id("wsca-abcdefgh1")
            .connection_string("desktop.example.com")
            .associations(
                ConnectionAliasAssociation::builder()
                    .association_status(AssociationStatus::AssociatedWithOwnerAccount)
                    .resource_id("d-1234567890")
                    .connection_identifier("abc123")
                    .build(),
            )
            .build()
    }

    #[test]
    fn tables_show_the_directory_and_json_keeps_the_associations_list() {
        let alias = associated();
        let table =
            Selection::<ConnectionAlias>::resolve(None, View::List { details: false }, true)
                .expect("default columns");
        assert_eq!(
            table.headers(),
            [
                "ID",
                "CONNECTION STRING",
                "STATE",
                "DIRECTORY",
                "ASSOCIATION"
            ]
        );
        let json = Selection::<ConnectionAlias>::resolve(None, View::Detail, false)
            .expect("every column")
            .to_json(&alias, None);
        assert_eq!(
            json["Associations"],
            json!([{
                "AssociationStatus": "ASSOCIATED_WITH_OWNER_ACCOUNT",
                "ResourceId": "d-1234567890",
                "ConnectionIdentifier": "abc123"
            }])
        );
        let unassociated = ConnectionAlias::builder()
            .alias_id("wsca-abcdefgh2")
            .build();
        let json = Selection::<ConnectionAlias>::resolve(None, View::Detail, false)
            .expect("every column")
            .to_json(&unassociated, None);
        assert!(json.get("Associations").is_none(), "{json}");
    }
}
