//! IP access control groups: DescribeIpGroups' fields.

use aws_sdk_workspaces::types::WorkspacesIpGroup;
use serde_json::Value;

use super::workspaces::{object, objects};
use crate::output::{Column, Resource, columns_get as get};

impl Resource for WorkspacesIpGroup {
    const KIND: &'static str = "IP group";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<WorkspacesIpGroup>] = &[
    Column::new("groupId", |g: &WorkspacesIpGroup| get::text(g.group_id())).shown("ID"),
    Column::new("groupName", |g: &WorkspacesIpGroup| {
        get::text(g.group_name())
    })
    .shown("NAME"),
    Column::new("groupDesc", |g: &WorkspacesIpGroup| {
        get::text(g.group_desc())
    })
    .shown("DESCRIPTION"),
    Column::new("ruleCount", |g: &WorkspacesIpGroup| {
        Some(Value::from(g.user_rules().len()))
    })
    .shown("RULES"),
    Column::new("userRules", |g: &WorkspacesIpGroup| {
        objects(g.user_rules(), |r| {
            object([
                ("ipRule", get::text(r.ip_rule())),
                ("ruleDesc", get::text(r.rule_desc())),
            ])
        })
    }),
];
