//! The table of operations: what is answered, what is refused, and which
//! operations only read.

use std::collections::BTreeSet;

use serde_json::json;

use super::super::{OPERATIONS, operation, supported_operations};
use super::{call_at, seeded};

#[test]
fn unknown_operations_are_refused_and_every_listed_one_is_answered() {
    let mut state = seeded(5);
    let unknown = call_at(&mut state, 0, "DescribeEverything", json!({})).expect_err("unknown");
    assert_eq!(unknown.code, "UnknownOperationException");
    assert_eq!(unknown.status, 400);
    assert!(operation("DescribeEverything").is_none());
    for op in supported_operations() {
        if let Err(error) = call_at(&mut state.clone(), 0, op, json!({})) {
            assert_ne!(
                error.code, "UnknownOperationException",
                "{op} is listed but not dispatched"
            );
        }
    }
}

#[test]
fn the_supported_operations_are_the_table_each_once() {
    let names: Vec<&str> = OPERATIONS.iter().map(|operation| operation.name).collect();
    assert_eq!(supported_operations(), names.as_slice());
    let distinct: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(distinct.len(), names.len(), "an operation is listed twice");
    assert!(supported_operations().contains(&"DescribeWorkspaces"));
}

/// AWS names every operation that only reads Describe…, List… or Get…; an
/// entry that disagrees was given the wrong kind of handler.
#[test]
fn exactly_the_describe_list_and_get_operations_are_read_only() {
    for operation in OPERATIONS {
        let reads_by_name = ["Describe", "List", "Get"]
            .iter()
            .any(|prefix| operation.name.starts_with(prefix));
        assert_eq!(
            operation.is_read_only(),
            reads_by_name,
            "{} is listed as {}",
            operation.name,
            if operation.is_read_only() {
                "read-only"
            } else {
                "changing the state"
            }
        );
    }
}
