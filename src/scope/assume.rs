//! `--assume-role`: many accounts reached from one set of credentials (the
//! base session: `--profile` or the default chain), as organisations keep
//! their WorkSpaces, with no profile for each account.
//!
//! The accounts come from `--account`, `--accounts-from` or, with
//! `--organization`, from AWS Organizations ListAccounts read with the base
//! session. Each account's role is assumed once a run (STS AssumeRole in the
//! base region) and its credentials serve every region of the account, so a
//! place of an assumed account costs no STS call of its own. An account
//! whose role cannot be assumed is that account's failure alone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use std::collections::HashSet;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use tokio::sync::OnceCell;

use super::session::Assumed;
use super::{ALL_REGIONS, Session, SessionOptions};
use crate::api;
use crate::cli::GlobalArgs;
use crate::error::{AppError, Result};

/// Where an account's ID goes in an `--assume-role` ARN template.
pub const ACCOUNT_PLACEHOLDER: &str = "{account}";

/// The most AssumeRole calls in flight at once: STS admits far more a
/// second than this, and 100 accounts are then one round trip.
const ASSUMING_AT_ONCE: usize = 128;

/// `--assume-role`: the ARN of the role in any account, `{account}` where
/// the account's ID goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleTemplate(String);

impl RoleTemplate {
    /// The role's ARN in `account`.
    pub fn arn(&self, account: &str) -> String {
        self.0.replace(ACCOUNT_PLACEHOLDER, account)
    }
}

/// The value parser of `--assume-role`: a role name (the role in every
/// account's `aws` partition) or a role ARN with `{account}`.
pub fn role(value: &str) -> Result<RoleTemplate> {
    const NAME: &str = r"[\w+=,.@-]{1,64}";
    let name = regex_lite::Regex::new(&format!("^{NAME}$"))
        .map_err(|e| anyhow::anyhow!("role name pattern: {e}"))?;
    if name.is_match(value) {
        return Ok(RoleTemplate(format!(
            "arn:aws:iam::{ACCOUNT_PLACEHOLDER}:role/{value}"
        )));
    }
    let arn = regex_lite::Regex::new(&format!(
        r"^arn:aws(-[a-z]+)*:iam::\{{account\}}:role/([\x21-\x7E]+/)?{NAME}$"
    ))
    .map_err(|e| anyhow::anyhow!("role ARN pattern: {e}"))?;
    if arn.is_match(value) {
        return Ok(RoleTemplate(value.to_owned()));
    }
    let shown = crate::validate::printable(value);
    if value.starts_with("arn:") && !value.contains(ACCOUNT_PLACEHOLDER) {
        return Err(AppError::usage(format!(
            "invalid --assume-role '{shown}': put {ACCOUNT_PLACEHOLDER} where each account's ID \
             goes (arn:aws:iam::{ACCOUNT_PLACEHOLDER}:role/NAME)"
        )));
    }
    Err(AppError::usage(format!(
        "invalid --assume-role '{shown}': expected a role name (at most 64 letters, digits and \
         +=,.@_-) or an ARN such as arn:aws:iam::{ACCOUNT_PLACEHOLDER}:role/NAME"
    )))
}

/// The value parser of `--role-session-name`, as STS checks it.
pub fn session_name(value: &str) -> Result<String> {
    let ok = (2..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid --role-session-name '{}': expected 2 to 64 letters, digits and +=,.@_-",
            crate::validate::printable(value)
        )))
    }
}

/// The value parser of `--account`.
pub fn account(value: &str) -> Result<String> {
    crate::validate::account_id(value.trim())
        .map_err(|err| AppError::usage(format!("--account: {err}")))
}

/// The accounts `--accounts-from FILE` lists, read as the command line is
/// parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountList(pub Vec<String>);

/// The value parser of `--accounts-from`: one ID a line, or the JSON,
/// NDJSON or CSV wsfleet writes, by each record's `account` (or `id`).
pub fn accounts_file(path: &str) -> Result<AccountList> {
    const FLAG: &str = "--accounts-from";
    let text = crate::bulk::targets::read_source(FLAG, path)?;
    let records = crate::bulk::targets::parse_named(&text, &["account", "id", "Id"], FLAG, path)?;
    let mut accounts = Vec::with_capacity(records.len());
    for record in records {
        let account = crate::validate::account_id(record.id.trim()).map_err(|err| {
            let source = if path == "-" { "stdin" } else { path };
            AppError::usage(format!("{FLAG} {source}: {err}"))
        })?;
        if !accounts.contains(&account) {
            accounts.push(account);
        }
    }
    if accounts.is_empty() {
        return Err(AppError::usage(format!("{FLAG} {path}: lists no accounts")));
    }
    Ok(AccountList(accounts))
}

/// The flags go together, checked before any request: accounts need a role
/// to assume in them, a role needs accounts, and one base profile assumes
/// it.
pub fn check(global: &GlobalArgs) -> Result<()> {
    let named_accounts = !global.accounts.is_empty() || global.accounts_from.is_some();
    let any_accounts = named_accounts || global.organization;
    match &global.assume_role {
        None if any_accounts => {
            let flag = if !global.accounts.is_empty() {
                "--account"
            } else if global.accounts_from.is_some() {
                "--accounts-from"
            } else {
                "--organization"
            };
            Err(AppError::usage(format!(
                "{flag} needs --assume-role ROLE: the role to assume in each account"
            )))
        }
        Some(_) if !any_accounts => Err(AppError::usage(
            "--assume-role needs the accounts to reach: --account ID, --accounts-from FILE \
             or --organization",
        )),
        Some(_) if named_accounts && global.organization => Err(AppError::usage(
            "--organization lists the accounts itself: give it without --account or --accounts-from",
        )),
        Some(_) if global.profile.len() > 1 => Err(AppError::usage(
            "--assume-role starts from one set of credentials: give --profile once",
        )),
        _ => Ok(()),
    }
}

/// Where the accounts come from.
#[derive(Debug, Clone)]
enum Source {
    Listed(Vec<String>),
    Organization,
}

/// An account's credentials, or why its role could not be assumed.
type Access = Arc<OnceCell<std::result::Result<Assumed, Arc<AppError>>>>;

/// `--assume-role` of one run: the role, the accounts, and each account's
/// credentials once asked.
pub struct AssumeRole {
    role: RoleTemplate,
    session_name: String,
    source: Source,
    /// The base session: ListAccounts and AssumeRole are asked with it.
    base: OnceCell<Session>,
    accounts: OnceCell<Vec<String>>,
    assumed: Mutex<HashMap<String, Access>>,
}

impl AssumeRole {
    /// The run's `--assume-role`, if given (the flags were [`check`]ed).
    pub fn from_args(global: &GlobalArgs) -> Option<AssumeRole> {
        let role = global.assume_role.clone()?;
        let source = if global.organization {
            Source::Organization
        } else {
            let mut listed = global.accounts.clone();
            for account in global.accounts_from.iter().flat_map(|list| &list.0) {
                if !listed.contains(account) {
                    listed.push(account.clone());
                }
            }
            Source::Listed(listed)
        };
        Some(AssumeRole {
            role,
            session_name: global.role_session_name.clone(),
            source,
            base: OnceCell::new(),
            accounts: OnceCell::new(),
            assumed: Mutex::new(HashMap::new()),
        })
    }

    /// The base session, in the base region: the first `--region` given
    /// (not `all`), else the profile's or environment's.
    async fn base(&self, options: &SessionOptions) -> Result<&Session> {
        self.base
            .get_or_try_init(|| async {
                let region = options.region.clone().filter(|r| r != ALL_REGIONS);
                Session::load(&options.at(options.profile.clone(), region)).await
            })
            .await
    }

    /// The accounts to reach, in the order given (or listed by
    /// Organizations), each once: every page read first.
    pub async fn accounts(&self, options: &SessionOptions) -> Result<&[String]> {
        self.accounts
            .get_or_try_init(|| async {
                let mut accounts = Vec::new();
                let mut pages = self.account_pages(options);
                while let Some(page) = pages.next().await {
                    accounts.extend(page?);
                }
                Ok(accounts)
            })
            .await
            .map(Vec::as_slice)
    }

    /// The accounts to reach, a page at a time: those given at once, or
    /// each ListAccounts page as it arrives, so the accounts of one page
    /// are reached while the next is read. Each account once.
    fn account_pages<'a>(
        &'a self,
        options: &'a SessionOptions,
    ) -> BoxStream<'a, Result<Vec<String>>> {
        let listed = match &self.source {
            Source::Listed(accounts) => {
                return stream::once(async move { Ok(accounts.clone()) }).boxed();
            }
            Source::Organization => {
                async move {
                    let base = self.base(options).await?;
                    Ok::<_, AppError>((
                        base,
                        api::organizations::active_account_pages(&base.organizations()),
                    ))
                }
            }
        };
        stream::once(listed)
            .map_ok(move |(base, pages)| {
                let (first, seen) = (true, HashSet::new());
                stream::try_unfold(
                    (pages, first, seen),
                    move |(mut pages, first, mut seen)| async move {
                        let page = if first {
                            // Who the base credentials are is asked beside the
                            // first page, not before each AssumeRole.
                            let (page, own) = futures::join!(pages.next_page(), base.account_id());
                            own?;
                            page?
                        } else {
                            pages.next_page().await?
                        };
                        Ok(page.map(|mut accounts| {
                            accounts.retain(|account| seen.insert(account.clone()));
                            (accounts, (pages, false, seen))
                        }))
                    },
                )
            })
            .try_flatten()
            .boxed()
    }

    /// The role's credentials in `account`: AssumeRole the first time it is
    /// asked this run, the same answer after.
    pub async fn assume(&self, options: &SessionOptions, account: &str) -> Result<Assumed> {
        let access = {
            let mut assumed = self
                .assumed
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Arc::clone(assumed.entry(account.to_owned()).or_default())
        };
        let outcome = access
            .get_or_init(|| async {
                let assumed = async {
                    let base = self.base(options).await?;
                    if self.is_own_organization_account(base, account) {
                        return Ok(Assumed {
                            account: account.to_owned(),
                            credentials: base.credentials().await?,
                        });
                    }
                    let credentials = api::sts::assume_role(
                        base.sts(),
                        &self.role.arn(account),
                        &self.session_name,
                    )
                    .await?;
                    Ok(Assumed {
                        account: account.to_owned(),
                        credentials,
                    })
                };
                assumed.await.map_err(Arc::new)
            })
            .await;
        outcome.clone().map_err(|err| err.clone_for_each())
    }

    /// `--organization` lists the management account too, whose credentials
    /// listed it: that account is read with them, since a management account
    /// seldom has the role its members are given (with it, every run would
    /// end in one refused account). An account named with `--account` is
    /// reached through the role, as asked.
    fn is_own_organization_account(&self, base: &Session, account: &str) -> bool {
        matches!(self.source, Source::Organization)
            && base.place().is_some_and(|place| place.account == account)
    }

    /// Each account's credentials, or why its role could not be assumed,
    /// in the order the accounts come; roles assumed up to
    /// [`ASSUMING_AT_ONCE`] at a time as soon as an account is known (with
    /// `--organization`, as its ListAccounts page arrives). A page that
    /// cannot be read is an error in its turn, after the accounts before it.
    pub fn assume_each<'a>(
        &'a self,
        options: &'a SessionOptions,
    ) -> BoxStream<'a, Result<(String, Result<Assumed>)>> {
        self.account_pages(options)
            .flat_map(|page| match page {
                Ok(accounts) => stream::iter(accounts.into_iter().map(Ok).collect::<Vec<_>>()),
                Err(err) => stream::iter(vec![Err(err)]),
            })
            .map(move |account| async move {
                let account = account?;
                let outcome = self.assume(options, &account).await;
                Ok((account, outcome))
            })
            .buffered(ASSUMING_AT_ONCE)
            .boxed()
    }
}
