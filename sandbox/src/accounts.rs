//! Many accounts in one sandbox: AWS STS (awsQuery: a form-encoded POST,
//! answered in XML as the SDK parses it) and AWS Organizations ListAccounts
//! (awsJson1.1).
//!
//! The sandbox's own account is the organization's management account; its
//! members are numbered accounts (`Config::member_accounts`). AssumeRole
//! hands out credentials whose access key names the account it was assumed
//! in, so every later request signed with that key is served from that
//! account's fleet: one fleet a region of a member account, seeded on first
//! use from the account, the region and the seed (`Config::member_fleet`
//! WorkSpaces and devices, so hundreds of places stay cheap).

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde_json::{Value, json};

use crate::config::Config;
use crate::workspaces::WsError;

/// Where the member accounts' IDs start: member `n` (from 1) is this plus `n`.
const FIRST_MEMBER: u64 = 100_000_000_000;
/// Access keys of assumed roles: `ASIA`, the account, then this.
const ASSUMED_KEY_SUFFIX: &str = "XMPL";
const STS_NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// ListAccounts' page size when MaxResults is not given, and its largest.
const MAX_RESULTS: usize = 20;
pub const ORGANIZATIONS_TARGET_PREFIX: &str = "AWSOrganizationsV20161128.";

/// The ID of member account `n` (from 1).
pub fn member_account(n: usize) -> String {
    format!("{:012}", FIRST_MEMBER + n as u64)
}

/// The organization as ListAccounts lists it: the management account, the
/// members, and (with any member) one suspended account, which is listed but
/// cannot be reached.
#[derive(Debug, Clone)]
pub struct Organization {
    management: String,
    members: usize,
    refusing: Vec<String>,
}

impl Organization {
    pub fn new(config: &Config) -> Organization {
        Organization {
            management: config.account_id.clone(),
            members: config.member_accounts,
            refusing: config.refusing_accounts.clone(),
        }
    }

    fn suspended(&self) -> Option<String> {
        (self.members > 0).then(|| member_account(self.members + 1))
    }

    /// Every account, with whether it is active.
    fn accounts(&self) -> Vec<(String, bool)> {
        let mut accounts = vec![(self.management.clone(), true)];
        accounts.extend((1..=self.members).map(|n| (member_account(n), true)));
        accounts.extend(self.suspended().map(|account| (account, false)));
        accounts
    }

    fn is_active_member_or_self(&self, account: &str) -> bool {
        self.accounts()
            .iter()
            .any(|(known, active)| known == account && *active)
    }

    /// The member account a request signed with `access_key` is served
    /// from: `None` for the sandbox's own account (its own keys, or its own
    /// role assumed).
    pub fn member_of_key(&self, access_key: Option<&str>) -> Option<String> {
        let account = account_of_assumed_key(access_key?)?;
        (account != self.management).then_some(account)
    }

    /// The account the credentials of a request belong to.
    fn caller(&self, access_key: Option<&str>) -> (String, bool) {
        match access_key.and_then(account_of_assumed_key) {
            Some(account) => (account, true),
            None => (self.management.clone(), false),
        }
    }
}

fn assumed_key(account: &str) -> String {
    format!("ASIA{account}{ASSUMED_KEY_SUFFIX}")
}

fn account_of_assumed_key(key: &str) -> Option<String> {
    let account = key.strip_prefix("ASIA")?.strip_suffix(ASSUMED_KEY_SUFFIX)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then(|| account.to_owned())
}

/// The access key of a SigV4 `Authorization` header
/// (`Credential=AKID/20261121/eu-west-1/workspaces/aws4_request`).
pub fn access_key(headers: &HeaderMap) -> Option<String> {
    let authorization = headers.get("authorization")?.to_str().ok()?;
    let credential = authorization.split("Credential=").nth(1)?;
    credential.split('/').next().map(str::to_owned)
}

/// The action of an STS request (awsQuery: a form-encoded POST), if the
/// request is one.
pub fn sts_action(headers: &HeaderMap, body: &Bytes) -> Option<Vec<(String, String)>> {
    let form = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs
        .iter()
        .any(|(key, _)| key == "Action")
        .then_some(pairs)
}

/// An STS answer: the operation's name and the response.
pub fn sts_call(
    organization: &Organization,
    form: &[(String, String)],
    access_key: Option<&str>,
    now: DateTime<Utc>,
) -> (String, Response) {
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let action = field("Action").unwrap_or_default().to_owned();
    let response = match action.as_str() {
        "GetCallerIdentity" => {
            let (account, assumed) = organization.caller(access_key);
            let arn = if assumed {
                format!("arn:aws:sts::{account}:assumed-role/sandbox/wsfleet")
            } else {
                format!("arn:aws:iam::{account}:user/sandbox")
            };
            xml_response(
                StatusCode::OK,
                &format!(
                    "<GetCallerIdentityResponse xmlns=\"{STS_NAMESPACE}\"><GetCallerIdentityResult>\
<Arn>{arn}</Arn><UserId>AIDASANDBOXUSER</UserId><Account>{account}</Account>\
</GetCallerIdentityResult>{}</GetCallerIdentityResponse>",
                    metadata()
                ),
            )
        }
        "AssumeRole" => assume_role(
            organization,
            field("RoleArn"),
            field("RoleSessionName"),
            access_key,
            now,
        )
        .unwrap_or_else(|error| error.response()),
        other => StsError {
            status: StatusCode::BAD_REQUEST,
            code: "InvalidAction",
            message: format!(
                "Could not find operation {} for version 2011-06-15",
                escape(other)
            ),
        }
        .response(),
    };
    (action, response)
}

struct StsError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl StsError {
    fn validation(message: String) -> StsError {
        StsError {
            status: StatusCode::BAD_REQUEST,
            code: "ValidationError",
            message,
        }
    }

    fn response(self) -> Response {
        let kind = if self.status.is_server_error() {
            "Receiver"
        } else {
            "Sender"
        };
        xml_response(
            self.status,
            &format!(
                "<ErrorResponse xmlns=\"{STS_NAMESPACE}\"><Error><Type>{kind}</Type>\
<Code>{}</Code><Message>{}</Message></Error><RequestId>{}</RequestId></ErrorResponse>",
                self.code,
                escape(&self.message),
                uuid::Uuid::new_v4()
            ),
        )
    }
}

/// The role's credentials in its account, or the error the real STS gives:
/// ValidationError for what its model forbids, AccessDenied for a role
/// that cannot be assumed (an account outside the organization, a
/// suspended one, or one configured to refuse).
fn assume_role(
    organization: &Organization,
    role_arn: Option<&str>,
    session_name: Option<&str>,
    access_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Response, StsError> {
    let role_arn = role_arn.ok_or_else(|| {
        StsError::validation(
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: \
             Member must not be null"
                .to_owned(),
        )
    })?;
    let session_name = session_name.ok_or_else(|| {
        StsError::validation(
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy \
             constraint: Member must not be null"
                .to_owned(),
        )
    })?;
    let session_ok = (2..=64).contains(&session_name.len())
        && session_name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
    if !session_ok {
        return Err(StsError::validation(format!(
            "1 validation error detected: Value '{session_name}' at 'roleSessionName' failed to \
             satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        )));
    }
    if !(20..=2048).contains(&role_arn.len()) {
        return Err(StsError::validation(format!(
            "1 validation error detected: Value '{role_arn}' at 'roleArn' failed to satisfy \
             constraint: Member must have length greater than or equal to 20"
        )));
    }
    let parts: Vec<&str> = role_arn.splitn(6, ':').collect();
    let (account, role) = match parts.as_slice() {
        ["arn", partition, "iam", "", account, resource] if partition.starts_with("aws") => {
            match resource.strip_prefix("role/") {
                Some(path) if !path.is_empty() => {
                    (*account, path.rsplit('/').next().unwrap_or(path))
                }
                _ => {
                    return Err(StsError::validation(format!(
                        "{role_arn} is not a role ARN"
                    )));
                }
            }
        }
        _ => return Err(StsError::validation(format!("{role_arn} is invalid"))),
    };
    let (caller, _) = organization.caller(access_key);
    let reachable = organization.is_active_member_or_self(account)
        && !organization
            .refusing
            .iter()
            .any(|refusing| refusing == account);
    if !reachable {
        return Err(StsError {
            status: StatusCode::FORBIDDEN,
            code: "AccessDenied",
            message: format!(
                "User: arn:aws:iam::{caller}:user/sandbox is not authorized to perform: \
                 sts:AssumeRole on resource: {role_arn}"
            ),
        });
    }
    let expiration = now
        .checked_add_signed(TimeDelta::hours(1))
        .unwrap_or(now)
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    let token = uuid::Uuid::new_v4().simple();
    Ok(xml_response(
        StatusCode::OK,
        &format!(
            "<AssumeRoleResponse xmlns=\"{STS_NAMESPACE}\"><AssumeRoleResult><Credentials>\
<AccessKeyId>{}</AccessKeyId><SecretAccessKey>sandbox-secret-{account}</SecretAccessKey>\
<SessionToken>sandbox-session-{token}</SessionToken><Expiration>{expiration}</Expiration>\
</Credentials><AssumedRoleUser><AssumedRoleId>AROASANDBOX{account}:{}</AssumedRoleId>\
<Arn>arn:aws:sts::{account}:assumed-role/{}/{}</Arn></AssumedRoleUser>\
</AssumeRoleResult>{}</AssumeRoleResponse>",
            assumed_key(account),
            escape(session_name),
            escape(role),
            escape(session_name),
            metadata()
        ),
    ))
}

fn metadata() -> String {
    format!(
        "<ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>",
        uuid::Uuid::new_v4()
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml_response(status: StatusCode, body: &str) -> Response {
    let mut response = Response::new(Body::from(body.to_owned()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    response
}

/// One Organizations operation (the part of `X-Amz-Target` after
/// `AWSOrganizationsV20161128.`); only ListAccounts is served, and only to
/// the management account's own credentials. Its errors are awsJson1.1's,
/// shaped as the WorkSpaces side shapes them.
pub fn organizations_call(
    organization: &Organization,
    operation: &str,
    body: &Bytes,
    access_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Value, WsError> {
    if operation != "ListAccounts" {
        return Err(WsError {
            status: 400,
            code: "UnknownOperationException",
            message: format!("{operation} is not an operation the sandbox serves"),
        });
    }
    if organization.member_of_key(access_key).is_some() {
        return Err(WsError {
            status: 400,
            code: "AccessDeniedException",
            message: "You don't have permissions to access this resource: only the management \
                      account lists the organization's accounts"
                .to_owned(),
        });
    }
    let invalid = |message: &str| WsError {
        status: 400,
        code: "InvalidInputException",
        message: message.to_owned(),
    };
    let input: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|_| invalid("The request body is not valid JSON."))?
    };
    let page_size = match input.get("MaxResults") {
        None | Some(Value::Null) => MAX_RESULTS,
        Some(value) => match value.as_u64() {
            Some(n @ 1..=20) => n as usize,
            _ => return Err(invalid("MaxResults must be between 1 and 20.")),
        },
    };
    let start = match input.get("NextToken") {
        None | Some(Value::Null) => 0,
        Some(Value::String(token)) => token
            .strip_prefix("accounts-after-")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| invalid("The NextToken provided is invalid."))?,
        Some(_) => return Err(invalid("The NextToken provided is invalid.")),
    };
    let accounts = organization.accounts();
    if start > accounts.len() {
        return Err(invalid("The NextToken provided is invalid."));
    }
    let end = (start + page_size).min(accounts.len());
    // Every account joined on the day the sandbox's fleet is anchored to.
    let joined = crate::thinclient::seed::anchor(now).timestamp();
    let page: Vec<Value> = accounts[start..end]
        .iter()
        .map(|(account, active)| {
            let state = if *active { "ACTIVE" } else { "SUSPENDED" };
            let management = *account == organization.management;
            json!({
                "Id": account,
                "Arn": format!(
                    "arn:aws:organizations::{}:account/o-sandbox0001/{account}",
                    organization.management
                ),
                "Email": format!("aws+{account}@example.com"),
                "Name": if management { "management".to_owned() } else { format!("member-{account}") },
                "Status": state,
                "State": state,
                "JoinedMethod": if management { "CREATED" } else { "INVITED" },
                "JoinedTimestamp": joined,
            })
        })
        .collect();
    let mut answer = json!({ "Accounts": page });
    if end < accounts.len() {
        answer["NextToken"] = json!(format!("accounts-after-{end}"));
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn organization(members: usize) -> Organization {
        Organization {
            management: "123456789012".to_owned(),
            members,
            refusing: vec![member_account(2)],
        }
    }

    fn body(response: Response) -> (StatusCode, String) {
        let status = response.status();
        let bytes = futures_body(response);
        (status, bytes)
    }

    fn futures_body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn assume(org: &Organization, arn: &str) -> (StatusCode, String) {
        let form = vec![
            ("Action".to_owned(), "AssumeRole".to_owned()),
            ("RoleArn".to_owned(), arn.to_owned()),
            ("RoleSessionName".to_owned(), "wsfleet".to_owned()),
        ];
        body(sts_call(org, &form, Some("AKIDBASE"), Utc::now()).1)
    }

    #[test]
    fn assumed_keys_name_their_account() {
        let org = organization(3);
        let (status, xml) = assume(
            &org,
            &format!("arn:aws:iam::{}:role/Admin", member_account(1)),
        );
        assert_eq!(status, StatusCode::OK);
        let key = assumed_key(&member_account(1));
        assert!(
            xml.contains(&format!("<AccessKeyId>{key}</AccessKeyId>")),
            "{xml}"
        );
        assert_eq!(org.member_of_key(Some(&key)), Some(member_account(1)));
        assert_eq!(org.member_of_key(Some(&assumed_key("123456789012"))), None);
        assert_eq!(org.member_of_key(Some("AKIDBASE")), None);
    }

    #[test]
    fn refusing_unknown_and_suspended_accounts_are_access_denied() {
        let org = organization(3);
        for account in [
            member_account(2),
            member_account(4),
            "999999999999".to_owned(),
        ] {
            let (status, xml) = assume(&org, &format!("arn:aws:iam::{account}:role/Admin"));
            assert_eq!(status, StatusCode::FORBIDDEN, "{account}");
            assert!(xml.contains("<Code>AccessDenied</Code>"), "{xml}");
        }
        let (status, xml) = assume(&org, "arn:aws:iam::notanaccount");
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(xml.contains("<Code>ValidationError</Code>"), "{xml}");
    }

    #[test]
    fn list_accounts_pages_every_account_once() {
        let org = organization(45);
        let mut token: Option<String> = None;
        let mut seen = Vec::new();
        loop {
            let input = match &token {
                Some(token) => json!({ "MaxResults": 20, "NextToken": token }),
                None => json!({ "MaxResults": 20 }),
            };
            let body = Bytes::from(input.to_string());
            let page = organizations_call(&org, "ListAccounts", &body, None, Utc::now())
                .map_err(|e| e.message)
                .unwrap();
            let accounts = page["Accounts"].as_array().unwrap();
            assert!(accounts.len() <= 20);
            seen.extend(
                accounts
                    .iter()
                    .map(|a| a["Id"].as_str().unwrap().to_owned()),
            );
            match page.get("NextToken") {
                Some(next) => token = Some(next.as_str().unwrap().to_owned()),
                None => break,
            }
        }
        // The management account, 45 members and one suspended account.
        assert_eq!(seen.len(), 47);
        let too_many = Bytes::from(json!({ "MaxResults": 21 }).to_string());
        let refused = organizations_call(&org, "ListAccounts", &too_many, None, Utc::now());
        assert!(matches!(refused, Err(e) if e.code == "InvalidInputException"));
    }
}
