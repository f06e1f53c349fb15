//! Amazon Connect client add-ins: per directory, with the model's rules.

use serde_json::json;

use super::{all_pages, call, error_code, seeded};

#[test]
fn connect_add_ins_belong_to_a_directory_and_follow_the_model() {
    let mut state = seeded(5);
    let directory = state.directories.keys().next().cloned().unwrap();
    let listed = all_pages(
        &mut state,
        "DescribeConnectClientAddIns",
        json!({"ResourceId": directory}),
        "AddIns",
    );
    assert_eq!(listed.len(), 2);
    let add = json!({"ResourceId": directory, "Name": "Board", "URL": "https://x.example/b"});
    let created = call(&mut state, "CreateConnectClientAddIn", add.clone());
    let add_in_id = created["AddInId"].as_str().unwrap().to_owned();
    assert_eq!(
        error_code(&mut state, "CreateConnectClientAddIn", add),
        "ResourceAlreadyExistsException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateConnectClientAddIn",
            json!({"ResourceId": directory, "Name": "x", "URL": "ftp://x"})
        ),
        "ValidationException"
    );
    // Another directory does not see, nor reach, this one's add-in.
    let other = state.directories.keys().nth(1).cloned().unwrap();
    assert_eq!(
        error_code(
            &mut state,
            "DeleteConnectClientAddIn",
            json!({"ResourceId": other, "AddInId": add_in_id})
        ),
        "ResourceNotFoundException"
    );
    call(
        &mut state,
        "UpdateConnectClientAddIn",
        json!({"ResourceId": directory, "AddInId": add_in_id, "URL": "https://x.example/c"}),
    );
    call(
        &mut state,
        "DeleteConnectClientAddIn",
        json!({"ResourceId": directory, "AddInId": add_in_id}),
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeConnectClientAddIns",
            json!({"ResourceId": "d-ffffffffff"})
        ),
        "ResourceNotFoundException"
    );
}
