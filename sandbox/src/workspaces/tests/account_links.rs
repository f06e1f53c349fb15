//! Account links: the seeded links, invitations through their states, and
//! the ConflictExceptions of changes that do not fit a link's state.

use serde_json::json;

use super::{all_pages, call, error_code, seeded};

const PENDING: &str = "PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT";

#[test]
fn invitations_move_through_their_states() {
    let mut state = seeded(5);
    let all = all_pages(&mut state, "ListAccountLinks", json!({}), "AccountLinks");
    assert_eq!(all.len(), 4);
    let received = all
        .iter()
        .find(|l| l["AccountLinkStatus"] == PENDING && l["TargetAccountId"] == "123456789012")
        .and_then(|l| l["AccountLinkId"].as_str())
        .unwrap()
        .to_owned();
    let accepted = call(
        &mut state,
        "AcceptAccountLinkInvitation",
        json!({"LinkId": received}),
    );
    assert_eq!(accepted["AccountLink"]["AccountLinkStatus"], "LINKED");
    assert_eq!(
        error_code(
            &mut state,
            "RejectAccountLinkInvitation",
            json!({"LinkId": received})
        ),
        "ConflictException"
    );

    let sent = call(
        &mut state,
        "CreateAccountLinkInvitation",
        json!({"TargetAccountId": "678901234567"}),
    );
    let sent = sent["AccountLink"]["AccountLinkId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        error_code(
            &mut state,
            "CreateAccountLinkInvitation",
            json!({"TargetAccountId": "678901234567"})
        ),
        "ConflictException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateAccountLinkInvitation",
            json!({"TargetAccountId": "123456789012"})
        ),
        "ValidationException"
    );
    call(
        &mut state,
        "DeleteAccountLinkInvitation",
        json!({"LinkId": sent}),
    );
    assert_eq!(
        error_code(&mut state, "GetAccountLink", json!({"LinkId": sent})),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(&mut state, "GetAccountLink", json!({"LinkId": "nolink"})),
        "ValidationException"
    );
    let linked = all_pages(
        &mut state,
        "ListAccountLinks",
        json!({"LinkStatusFilter": ["LINKED"]}),
        "AccountLinks",
    );
    assert_eq!(linked.len(), 2);
}
