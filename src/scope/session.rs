//! A place's AWS session: profile, region, endpoint, retries and timeouts
//! resolved as the AWS CLI resolves them, the account learnt once, and the
//! API clients built from it.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::imds;
use aws_config::imds::region::ImdsRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::profile::ProfileSet;
use aws_config::retry::{RetryConfig, RetryMode};
use aws_config::timeout::TimeoutConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_types::SdkConfig;
use aws_types::os_shim_internal::{Env, Fs};
use aws_types::region::Region;

use super::Place;
use super::host_prefix::StripHostPrefixForCustomEndpoint;
use crate::api::cloudwatch::CloudWatchClient;
use crate::api::{self, Endpoint, OrganizationsClient, StsClient, ThinClient, WorkspacesClient};
use crate::error::{AppError, Result};

/// What the command line and environment say about where to send requests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// Fixed credentials (the sandbox); otherwise the default chain.
    pub static_credentials: Option<(String, String)>,
    /// An account reached through `--assume-role`: its role's credentials,
    /// which replace the profile's (the profile still gives the rest).
    pub assumed: Option<Assumed>,
    pub connect_timeout: Duration,
    /// The longest one API call may take, retries included.
    pub timeout: Duration,
}

impl SessionOptions {
    pub fn new() -> Self {
        SessionOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            ..SessionOptions::default()
        }
    }

    /// These options for another profile and region.
    pub fn at(&self, profile: Option<String>, region: Option<String>) -> SessionOptions {
        SessionOptions {
            profile,
            region,
            ..self.clone()
        }
    }

    /// These options in another account, through its assumed role.
    pub fn assuming(&self, assumed: Assumed, region: Option<String>) -> SessionOptions {
        SessionOptions {
            region,
            assumed: Some(assumed),
            ..self.clone()
        }
    }

    /// The place these options name, in words, for an error that happened
    /// before its account was known.
    pub fn describe(&self) -> String {
        if let Some(assumed) = &self.assumed {
            return match &self.region {
                Some(region) => format!("region {region}, account {}", assumed.account),
                None => format!("account {}", assumed.account),
            };
        }
        match (&self.region, &self.profile) {
            (Some(region), Some(profile)) => format!("region {region}, profile {profile}"),
            (None, Some(profile)) => format!("profile {profile}"),
            (Some(region), None) => format!("region {region}"),
            (None, None) => "the default region".to_owned(),
        }
    }
}

/// An account's credentials from AssumeRole: asked once per run and shared
/// by every region of the account.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumed {
    pub account: String,
    pub credentials: Credentials,
}

/// The client of the SDK crate `$sdk` built from a session's configuration:
/// the interceptors given (`$first`), then the ones every client gets, then
/// a test's; with where its calls go.
macro_rules! sdk_client {
    ($session:expr, $sdk:ident $(, $first:expr)*) => {{
        let mut config = $sdk::config::Builder::from(&$session.config)
            $(.interceptor($first))*
            .interceptor(CapResponseBody)
            .interceptor(TraceRequests);
        for interceptor in &$session.interceptors {
            config.push_interceptor(interceptor.clone());
        }
        if let Some(http) = api::pace::paced($session.config.http_client()) {
            config.set_http_client(Some(http));
        }
        $session.client($sdk::Client::from_conf(config.build()))
    }};
}

/// One place's loaded AWS configuration and its API clients, built on first
/// use; clones share the clients, one HTTP client and connection pool.
#[derive(Clone)]
pub struct Session {
    config: SdkConfig,
    /// Where calls go and how long they may take, for the errors.
    endpoint_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    /// The account, asked of STS once per session.
    account: Arc<tokio::sync::OnceCell<String>>,
    thin_client: Arc<OnceLock<ThinClient>>,
    workspaces: Arc<OnceLock<WorkspacesClient>>,
    cloudwatch: Arc<OnceLock<CloudWatchClient>>,
    /// The base session of `--assume-role` asks AssumeRole once an account:
    /// one client for them all.
    sts: Arc<OnceLock<StsClient>>,
    /// Added to every client built from this session: a test's mocked
    /// responses (aws-smithy-mocks), as gh injects its HTTP client.
    interceptors: Vec<SharedInterceptor>,
}

impl Session {
    /// Loads the session of `options` and learns its place: the region, and
    /// the account (STS GetCallerIdentity, unless `known_account` says).
    pub async fn open(options: &SessionOptions, known_account: Option<&str>) -> Result<Session> {
        let mut session = Session::load(options).await?;
        if let Some(account) = known_account {
            session = session.knowing_account(account.to_owned());
        }
        session.account_id().await?;
        Ok(session)
    }

    /// The session's region and account, once the account is known
    /// ([`Session::open`] learns it).
    pub fn place(&self) -> Option<Place> {
        Some(Place {
            region: self.region()?.to_owned(),
            account: self.account.get()?.clone(),
        })
    }

    pub async fn load(options: &SessionOptions) -> Result<Session> {
        match &options.assumed {
            Some(assumed) => Session::load_assumed(options, assumed).await,
            None => Session::load_base(options).await,
        }
    }

    /// A session of the profile's (or the environment's) credentials.
    async fn load_base(options: &SessionOptions) -> Result<Session> {
        let env = Env::real();
        // Before aws-config reads them (whole, more than once): files of a
        // size no configuration has are refused.
        check_profile_files(&env)?;
        // Parsed once here for our own checks; aws-config reads the files again
        // for what it resolves itself, and would only warn about a file it
        // cannot parse, then go on without its settings.
        let profiles = aws_config::profile::load(
            &Fs::real(),
            &env,
            &EnvConfigFiles::default(),
            options.profile.clone().map(Cow::Owned),
        )
        .await
        .map_err(|err| {
            let text = std::error::Error::source(&err)
                .map_or_else(|| err.to_string(), |source| source.to_string());
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            AppError::usage(format!("cannot parse the AWS configuration: {one_line}"))
        })?;
        let profiles = Some(profiles);
        check_local_settings(&env, profiles.as_ref(), options)?;
        let retry_config = retry_config(&env, profiles.as_ref())?;
        let region = resolve_region(options).await.ok_or_else(|| {
            // One line for a first run: every way out, nothing else.
            AppError::Access(
                "no AWS region: pass --region REGION or set AWS_REGION, run `aws configure`, \
                 pick a profile with --profile NAME, or try wsfleet with --sandbox"
                    .to_owned(),
            )
        })?;
        crate::validate::region(region.as_ref())?;

        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(region)
            .retry_config(retry_config)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(options.connect_timeout)
                    .operation_attempt_timeout(options.timeout)
                    .operation_timeout(options.timeout)
                    .build(),
            );
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some(http) = shared_http_client() {
            loader = loader.http_client(http);
        }
        if let Some((key, secret)) = &options.static_credentials {
            loader =
                loader.credentials_provider(Credentials::new(key, secret, None, None, "wsfleet"));
        }
        Ok(Session {
            config: loader.load().await,
            endpoint_url: options.endpoint_url.clone(),
            timeout: options.timeout,
            connect_timeout: options.connect_timeout,
            account: Default::default(),
            thin_client: Default::default(),
            workspaces: Default::default(),
            cloudwatch: Default::default(),
            sts: Default::default(),
            interceptors: Vec::new(),
        })
    }

    /// A place of an account reached through its assumed role: the base
    /// session's configuration in that region (loaded once a run for each
    /// region, not once a place: resolving it reads and parses the profile
    /// files, which over 400 places costs more than their requests), with
    /// the role's credentials.
    async fn load_assumed(options: &SessionOptions, assumed: &Assumed) -> Result<Session> {
        // By profile and region: the rest of the options is the run's own.
        type Bases = std::sync::Mutex<
            std::collections::HashMap<
                (Option<String>, Option<String>),
                Arc<tokio::sync::OnceCell<Session>>,
            >,
        >;
        static BASES: OnceLock<Bases> = OnceLock::new();
        let base_options = SessionOptions {
            assumed: None,
            ..options.clone()
        };
        let cell = {
            let mut bases = BASES
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let key = (options.profile.clone(), options.region.clone());
            Arc::clone(bases.entry(key).or_default())
        };
        let base = cell
            .get_or_try_init(|| Session::load_base(&base_options))
            .await?;
        let config = base
            .config
            .to_builder()
            .credentials_provider(SharedCredentialsProvider::new(assumed.credentials.clone()))
            .build();
        Ok(Session {
            config,
            account: Arc::new(tokio::sync::OnceCell::new_with(Some(
                assumed.account.clone(),
            ))),
            thin_client: Default::default(),
            workspaces: Default::default(),
            cloudwatch: Default::default(),
            sts: Default::default(),
            ..base.clone()
        })
    }

    /// A session of a configuration built elsewhere (a test's, whose HTTP
    /// client answers without a network), its account known.
    #[cfg(test)]
    pub fn from_config(config: SdkConfig, account: &str) -> Session {
        Session {
            config,
            endpoint_url: None,
            timeout: SessionOptions::new().timeout,
            connect_timeout: SessionOptions::new().connect_timeout,
            account: Default::default(),
            thin_client: Default::default(),
            workspaces: Default::default(),
            cloudwatch: Default::default(),
            sts: Default::default(),
            interceptors: Vec::new(),
        }
        .knowing_account(account.to_owned())
    }

    /// Every client of this session also runs `interceptor` (a test's
    /// `aws_smithy_mocks::MockResponseInterceptor`).
    #[cfg(test)]
    pub fn with_interceptor(mut self, interceptor: impl Intercept + 'static) -> Session {
        self.interceptors.push(SharedInterceptor::new(interceptor));
        self
    }

    pub fn region(&self) -> Option<&str> {
        self.config.region().map(Region::as_ref)
    }

    /// This session, its account already known (from another session of the
    /// same credentials: the account does not change with the region), so
    /// [`Session::account_id`] asks STS nothing.
    pub fn knowing_account(self, account: String) -> Session {
        Session {
            account: Arc::new(tokio::sync::OnceCell::new_with(Some(account))),
            ..self
        }
    }

    /// This session's own credentials, resolved once more from its provider
    /// (cached by the provider): what the account they belong to is reached
    /// with when it is one of `--organization`'s accounts.
    pub async fn credentials(&self) -> Result<Credentials> {
        use aws_credential_types::provider::ProvideCredentials;
        let provider = self.config.credentials_provider().ok_or_else(|| {
            AppError::Failed("the base session has no credentials provider".to_owned())
        })?;
        provider
            .provide_credentials()
            .await
            .map_err(|e| AppError::Failed(format!("no credentials: {e}")))
    }

    /// The account these credentials belong to (STS GetCallerIdentity,
    /// asked once and remembered).
    pub async fn account_id(&self) -> Result<&str> {
        self.account
            .get_or_try_init(|| {
                let sts = self.sts().clone();
                async move { api::sts::caller_account(&sts).await }
            })
            .await
            .map(String::as_str)
    }

    /// STS in this session's region: who the credentials are, and the
    /// roles they assume.
    pub fn sts(&self) -> &StsClient {
        self.sts.get_or_init(|| sdk_client!(self, aws_sdk_sts))
    }

    /// AWS Organizations (a global service: the SDK sends it to its one
    /// endpoint whatever the region).
    pub fn organizations(&self) -> OrganizationsClient {
        sdk_client!(self, aws_sdk_organizations)
    }

    /// Builds the client of `service` now, where the caller has CPU to
    /// spare, rather than at its first call.
    pub fn prepare(&self, service: super::Service) {
        match service {
            super::Service::ThinClient => {
                self.thin_client();
            }
            super::Service::WorkSpaces => {
                self.workspaces();
            }
        }
    }

    pub fn thin_client(&self) -> &ThinClient {
        self.thin_client.get_or_init(|| {
            sdk_client!(
                self,
                aws_sdk_workspacesthinclient,
                StripHostPrefixForCustomEndpoint
            )
        })
    }

    pub fn workspaces(&self) -> &WorkspacesClient {
        self.workspaces
            .get_or_init(|| sdk_client!(self, aws_sdk_workspaces))
    }

    pub fn cloudwatch(&self) -> &CloudWatchClient {
        self.cloudwatch
            .get_or_init(|| sdk_client!(self, aws_sdk_cloudwatch))
    }

    /// An SDK client of this session, with where its calls go.
    fn client<C: api::SdkClient>(&self, sdk: C) -> api::Client<C> {
        let url = self.endpoint_url.clone().or_else(|| {
            [C::ENDPOINT_VARIABLE, "AWS_ENDPOINT_URL"]
                .iter()
                .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        });
        let endpoint = Endpoint {
            url,
            region: self.region().map(str::to_owned),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
        };
        api::Client::new(sdk, Arc::new(endpoint))
    }
}

/// The SDK's default HTTP client, built once a run and shared by every
/// session: each would otherwise build its own and parse the TLS trust
/// roots again (a few milliseconds of CPU each: seconds over the 400 places
/// of 100 accounts in 4 regions), and connections to one endpoint are
/// pooled. It holds at most [`super::in_flight::MAX_IN_FLIGHT`] requests
/// in flight between them.
fn shared_http_client() -> Option<SharedHttpClient> {
    static CLIENT: OnceLock<Option<SharedHttpClient>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let client = api::http_client::sdk_default()?;
            Some(super::in_flight::bounded(
                client,
                super::in_flight::MAX_IN_FLIGHT,
            ))
        })
        .clone()
}

/// The largest response body read: a page of any listing is far smaller,
/// and an endpoint that sends without end must not fill memory before
/// `--timeout` fires.
pub const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Ends a response whose body grows past [`MAX_RESPONSE_BYTES`].
#[derive(Debug)]
struct CapResponseBody;

impl Intercept for CapResponseBody {
    fn name(&self) -> &'static str {
        "CapResponseBody"
    }

    fn modify_before_deserialization(
        &self,
        context: &mut aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextMut<'_>,
        _runtime_components: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        _cfg: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> std::result::Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let response = context.response_mut();
        let body = std::mem::replace(
            response.body_mut(),
            aws_smithy_types::body::SdkBody::taken(),
        );
        let limited = http_body_util::BodyExt::map_err(
            http_body_util::Limited::new(body, MAX_RESPONSE_BYTES),
            |err| -> aws_smithy_runtime_api::box_error::BoxError {
                if err.is::<http_body_util::LengthLimitError>() {
                    format!(
                        "the response body is larger than {} MiB, more than any answer wsfleet expects",
                        MAX_RESPONSE_BYTES / 1024 / 1024
                    )
                    .into()
                } else {
                    err
                }
            },
        );
        *response.body_mut() = aws_smithy_types::body::SdkBody::from_body_1_x(limited);
        Ok(())
    }
}

/// Region from `--region`, then `AWS_REGION`/`AWS_DEFAULT_REGION`, then the
/// profile, then (on EC2, unless disabled) the instance metadata service with
/// a short timeout so a laptop never waits for it.
async fn resolve_region(options: &SessionOptions) -> Option<Region> {
    if let Some(region) = &options.region {
        return Some(Region::new(region.clone()));
    }
    let mut profile_region = ProfileFileRegionProvider::builder();
    if let Some(profile) = &options.profile {
        profile_region = profile_region.profile_name(profile);
    }
    let mut chain = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(profile_region.build());
    let metadata_disabled =
        std::env::var("AWS_EC2_METADATA_DISABLED").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
    if !metadata_disabled {
        let client = imds::Client::builder()
            .max_attempts(1)
            .connect_timeout(Duration::from_millis(300))
            .read_timeout(Duration::from_millis(500))
            .build();
        chain = chain.or_else(ImdsRegionProvider::builder().imds_client(client).build());
    }
    chain.region().await
}

/// The environment variables that name an endpoint, as aws-config reads them.
const ENDPOINT_URL_VARIABLES: [&str; 3] = [
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_WORKSPACES",
    "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT",
];

/// The largest AWS config or credentials file read: thousands of profiles
/// fit well under it, and `/dev/zero` or a huge file fails at once instead
/// of filling memory.
pub const MAX_PROFILE_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The AWS config and credentials files, where aws-config looks for them.
fn profile_files(env: &Env) -> Vec<(std::path::PathBuf, &'static str)> {
    [
        ("AWS_CONFIG_FILE", "config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
    ]
    .into_iter()
    .filter_map(|(variable, default)| {
        let path = match env.get(variable) {
            Ok(path) => std::path::PathBuf::from(path),
            Err(_) => dirs::home_dir()?.join(".aws").join(default),
        };
        Some((path, default))
    })
    .collect()
}

/// Each profile file that exists can be read and is of a size a
/// configuration has; read at most one byte past the bound to know.
fn check_profile_files(env: &Env) -> Result<()> {
    use std::io::Read;
    for (path, default) in profile_files(env) {
        if !path.exists() {
            continue;
        }
        let refuse = |why: String| {
            AppError::usage(format!(
                "cannot read the AWS {default} file {}: {why}",
                path.display()
            ))
        };
        let mut read = 0u64;
        let mut file = std::fs::File::open(&path).map_err(|e| refuse(e.to_string()))?;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buffer).map_err(|e| refuse(e.to_string()))?;
            if n == 0 {
                break;
            }
            read += n as u64;
            if read > MAX_PROFILE_FILE_BYTES {
                return Err(refuse(format!(
                    "larger than {} MiB; not an AWS {default} file",
                    MAX_PROFILE_FILE_BYTES / 1024 / 1024
                )));
            }
        }
    }
    Ok(())
}

/// What aws-config would only warn about, or fail on at the first request
/// with a message a person cannot act on, checked before anything is sent:
/// a named profile that is in neither file, and endpoint URLs that are not
/// URLs.
fn check_local_settings(
    env: &Env,
    profiles: Option<&ProfileSet>,
    options: &SessionOptions,
) -> Result<()> {
    if let Some(url) = &options.endpoint_url {
        crate::validate::endpoint_url(url, "--endpoint-url")?;
    }
    for variable in ENDPOINT_URL_VARIABLES {
        if let Ok(url) = env.get(variable) {
            crate::validate::endpoint_url(&url, variable)?;
        }
    }
    if let Some(profile) = &options.profile
        && let Some(profiles) = profiles
        && profiles.get_profile(profile).is_none()
    {
        return Err(AppError::usage(format!(
            "no AWS profile '{}' in the config or credentials file",
            crate::validate::printable(profile)
        )));
    }
    Ok(())
}

/// aws-config panics on an invalid `AWS_MAX_ATTEMPTS` or `AWS_RETRY_MODE`
/// (or their profile keys); reading them here turns that into a usage error.
fn retry_config(env: &Env, profiles: Option<&ProfileSet>) -> Result<RetryConfig> {
    let setting = |var: &str, key: &str| -> Option<(String, String)> {
        match env.get(var) {
            Ok(value) => Some((value, var.to_owned())),
            Err(_) => profiles
                .and_then(|p| p.get(key))
                .map(|value| (value.to_owned(), format!("{key} in the AWS profile"))),
        }
    };

    let mut config = RetryConfig::standard();
    if let Some((value, source)) = setting("AWS_MAX_ATTEMPTS", "max_attempts") {
        match value.trim().parse::<u32>() {
            Ok(n) if n >= 1 => config = config.with_max_attempts(n),
            _ => {
                return Err(AppError::usage(format!(
                    "invalid {source} '{value}': expected a whole number of attempts, 1 or more"
                )));
            }
        }
    }
    if let Some((value, source)) = setting("AWS_RETRY_MODE", "retry_mode") {
        match value.trim().parse::<RetryMode>() {
            Ok(mode) => config = config.with_retry_mode(mode),
            Err(_) => {
                return Err(AppError::usage(format!(
                    "invalid {source} '{value}': expected 'standard' or 'adaptive'"
                )));
            }
        }
    }
    Ok(config)
}

/// `-vv`: one line a request and one a response, naming method, URI and
/// status. Headers are never logged: they carry the signature.
#[derive(Debug)]
struct TraceRequests;

impl Intercept for TraceRequests {
    fn name(&self) -> &'static str {
        "TraceRequests"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let request = context.request();
        tracing::debug!(method = request.method(), uri = request.uri(), "request");
        Ok(())
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        tracing::debug!(status = context.response().status().as_u16(), "response");
        Ok(())
    }
}
