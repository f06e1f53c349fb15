//! The HTTP side: one handler that tells the two services apart by
//! `X-Amz-Target`, applies the knobs, runs the operation and logs it.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use chrono::Utc;
use serde_json::Value;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::accounts::{self, Organization};
use crate::cloudwatch::{self, CwError};
use crate::config::Config;
use crate::knobs::Knobs;
use crate::log::{RequestLog, RequestRecord};
use crate::state::{MemberPlace, SandboxState, SharedFile};
use crate::thinclient::{self, TcError};
use crate::wire;
use crate::workspaces::{self, WsError};

/// Mutations within this window are saved in one write.
const SAVE_COALESCE: Duration = Duration::from_millis(200);
const WORKSPACES_TARGET_PREFIX: &str = "WorkspacesService.";
const JSON: &str = "application/json";
const AMZ_JSON: &str = "application/x-amz-json-1.1";

struct Shared {
    /// The sandbox's own account and its members (STS, Organizations).
    organization: Organization,
    /// How a member account's region is seeded: its fleet's size, the seed,
    /// and the region of a request that names none.
    member_fleet: usize,
    seed: u64,
    region: String,
    state: Mutex<SandboxState>,
    transition: Duration,
    knobs: Knobs,
    log: RequestLog,
    /// Whether the state holds a change the state file does not have yet.
    unsaved: AtomicBool,
    save_wanted: Notify,
    /// A state file other processes change too; taken after `state`.
    shared_file: Option<Mutex<SharedFile>>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, SandboxState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// After a change: the state file is saved soon, and at shutdown.
    /// Read-only operations never call this, so they never rewrite the file.
    fn state_changed(&self) {
        self.unsaved.store(true, Ordering::SeqCst);
        self.save_wanted.notify_one();
    }

    /// Runs one operation on the state. `succeeded` says whether its result
    /// is a success (a failed change changes nothing). Over a shared state
    /// file this holds the file's lock throughout: load, change, save.
    fn operate<R>(
        &self,
        read_only: bool,
        run: impl FnOnce(&mut SandboxState) -> R,
        succeeded: impl Fn(&R) -> bool,
    ) -> io::Result<R> {
        let mut state = self.state();
        let Some(shared_file) = &self.shared_file else {
            let result = run(&mut state);
            if !read_only && succeeded(&result) {
                self.state_changed();
            }
            return Ok(result);
        };
        let mut file = shared_file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _lock = file.lock(!read_only)?;
        file.refresh(&mut state)?;
        let result = run(&mut state);
        if !read_only && succeeded(&result) {
            file.save(&state)?;
        }
        Ok(result)
    }
}

/// A running sandbox.
pub struct Sandbox {
    shared: Arc<Shared>,
    address: SocketAddr,
    state_file: Option<PathBuf>,
    stop: watch::Sender<bool>,
    server: JoinHandle<io::Result<()>>,
    saver: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Loads or seeds the state, binds 127.0.0.1:`port` and serves in the background.
    pub async fn start(config: Config) -> io::Result<Sandbox> {
        let now = Utc::now();
        // Over a shared file, a fresh seed is not written until a change:
        // a read never writes.
        let (state, shared_file, fresh) = match &config.state_file {
            Some(path) if config.shared_state_file => {
                let mut file = SharedFile::new(path);
                let (loaded, file) = tokio::task::spawn_blocking(move || {
                    let loaded = file.lock(false).and_then(|_lock| file.load());
                    (loaded, file)
                })
                .await
                .map_err(io::Error::other)?;
                let state = loaded?.unwrap_or_else(|| SandboxState::seed(&config, now));
                (state, Some(Mutex::new(file)), false)
            }
            Some(path) if path.exists() => {
                let path = path.clone();
                let state = tokio::task::spawn_blocking(move || SandboxState::load(&path))
                    .await
                    .map_err(io::Error::other)??;
                (state, None, false)
            }
            _ => (SandboxState::seed(&config, now), None, true),
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let address = listener.local_addr()?;
        let saves_in_background = shared_file.is_none();
        let shared = Arc::new(Shared {
            organization: Organization::new(&config),
            member_fleet: config.member_fleet,
            seed: config.seed,
            region: config.region.clone(),
            state: Mutex::new(state),
            transition: config.transition,
            knobs: Knobs::new(config.latency, config.rate_limit, config.fail_rate),
            log: RequestLog::open(config.log_file.as_deref())?,
            unsaved: AtomicBool::new(false),
            save_wanted: Notify::new(),
            shared_file,
        });
        let (stop, stopped) = watch::channel(false);
        let saver = config
            .state_file
            .clone()
            .filter(|_| saves_in_background)
            .map(|path| {
                if fresh {
                    // Written in the background so a large seed still starts at once.
                    shared.state_changed();
                }
                tokio::spawn(save_loop(shared.clone(), path, stopped.clone()))
            });
        let router = Router::new().fallback(handle).with_state(shared.clone());
        let mut shutdown = stopped;
        let server = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = shutdown.wait_for(|stop| *stop).await;
                })
                .await
        });
        Ok(Sandbox {
            shared,
            address,
            state_file: config.state_file,
            stop,
            server,
            saver,
        })
    }

    /// `http://127.0.0.1:PORT`, the endpoint URL to give an AWS client.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.log.snapshot()
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    pub fn set_latency(&self, latency: Duration) {
        self.shared.knobs.set_latency(latency);
    }

    pub fn set_rate_limit(&self, rate_limit: Option<f64>) {
        self.shared.knobs.set_rate_limit(rate_limit);
    }

    pub fn set_fail_rate(&self, fail_rate: f64) {
        self.shared.knobs.set_fail_rate(fail_rate);
    }

    /// A device as GetDevice would answer it now, if it exists.
    pub fn device(&self, id: &str) -> Option<Value> {
        let now = Utc::now();
        let mut state = self.shared.state();
        state.thinclient.apply_due(now);
        let thinclient = &state.thinclient;
        thinclient
            .devices
            .get(id)
            .map(|device| thinclient.device_detail(device, now))
    }

    /// The ids of every device, in ListDevices order.
    pub fn device_ids(&self) -> Vec<String> {
        self.shared
            .state()
            .thinclient
            .devices
            .keys()
            .cloned()
            .collect()
    }

    /// An environment as GetEnvironment would answer it now, if it exists.
    pub fn environment(&self, id: &str) -> Option<Value> {
        let mut state = self.shared.state();
        state.thinclient.apply_due(Utc::now());
        let thinclient = &state.thinclient;
        thinclient
            .environments
            .get(id)
            .map(|environment| thinclient.environment_detail(environment))
    }

    /// Stops serving (letting requests in flight finish) and saves the state
    /// file if the state changed since it was last saved.
    pub async fn shutdown(self) -> io::Result<()> {
        let _ = self.stop.send(true);
        let served = self.server.await.map_err(io::Error::other)?;
        if let Some(saver) = self.saver {
            saver.await.map_err(io::Error::other)?;
        }
        if let Some(path) = &self.state_file {
            save_now(&self.shared, path).await?;
        }
        served
    }

    /// Serves until `signal` completes, then shuts down.
    pub async fn run_until(self, signal: impl Future<Output = ()>) -> io::Result<()> {
        signal.await;
        self.shutdown().await
    }
}

/// Restores the seed: overwrites `path` with a freshly seeded state for `config`.
/// Taken under the lock `--sandbox` commands take, so none of them is
/// halfway through a change meanwhile.
pub fn reset_state_file(path: &Path, config: &Config) -> io::Result<()> {
    let file = SharedFile::new(path);
    let _lock = file.lock(true)?;
    SandboxState::seed(config, Utc::now()).save(path)
}

/// Saves the state if it changed since the last save.
async fn save_now(shared: &Arc<Shared>, path: &Path) -> io::Result<()> {
    // Cloning under the lock is much quicker than serialising under it; the
    // flag is cleared under it too, so a change made after the snapshot
    // leaves it set and is saved next time.
    let snapshot = {
        let state = shared.state();
        if !shared.unsaved.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        state.clone()
    };
    let path = path.to_path_buf();
    let saved = tokio::task::spawn_blocking(move || snapshot.save(&path))
        .await
        .map_err(io::Error::other)
        .and_then(|saved| saved);
    if saved.is_err() {
        shared.unsaved.store(true, Ordering::SeqCst);
    }
    saved
}

async fn save_loop(shared: Arc<Shared>, path: PathBuf, mut stopped: watch::Receiver<bool>) {
    let mut last_save = Duration::ZERO;
    loop {
        tokio::select! {
            _ = shared.save_wanted.notified() => {}
            _ = stopped.wait_for(|stop| *stop) => return,
        }
        // Waiting as long as the last save took keeps a large fleet under a
        // stream of changes from spending all its time saving.
        tokio::time::sleep(SAVE_COALESCE.max(last_save)).await;
        let started = std::time::Instant::now();
        // A failed background save is retried by the next change and by
        // shutdown, which reports the error.
        let _ = save_now(&shared, &path).await;
        last_save = started.elapsed();
    }
}

enum Service {
    ThinClient,
    Workspaces,
}

impl Service {
    fn name(&self) -> &'static str {
        match self {
            Service::ThinClient => "thinclient",
            Service::Workspaces => "workspaces",
        }
    }
}

/// How a request ended: a body to send, or an error to shape for its service.
enum Outcome {
    Reply(thinclient::Reply),
    ThinClientError(TcError),
    Workspaces(Result<Value, WsError>),
    WorkspacesThrottled { retry_after_seconds: u64 },
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let access_key = accounts::access_key(&headers);
    if let Some(form) = accounts::sts_action(&headers, &body) {
        return sts_call(
            &shared,
            &form,
            access_key.as_deref(),
            &method,
            &uri,
            &headers,
        )
        .await;
    }
    let organizations_operation = headers
        .get("x-amz-target")
        .and_then(|target| target.to_str().ok())
        .and_then(|target| target.strip_prefix(accounts::ORGANIZATIONS_TARGET_PREFIX))
        .map(str::to_owned);
    if let Some(operation) = organizations_operation {
        return organizations_call(
            &shared,
            &operation,
            &body,
            access_key.as_deref(),
            &method,
            &uri,
            &headers,
        )
        .await;
    }
    let member_account = shared.organization.member_of_key(access_key.as_deref());
    let region = signed_region(&headers).unwrap_or_else(|| shared.region.clone());
    let member = member_account.as_deref().map(|account| MemberPlace {
        account,
        region: &region,
        fleet_size: shared.member_fleet,
        seed: shared.seed,
    });
    let member = member.as_ref();
    if let Some(operation) = cloudwatch::operation_of(uri.path()) {
        return cloudwatch_call(
            &shared,
            &method,
            uri.path(),
            operation,
            &body,
            &headers,
            member,
        )
        .await;
    }
    let target = headers
        .get("x-amz-target")
        .map(|target| target.to_str().unwrap_or_default().to_string());
    let path = uri.path().to_string();
    let (service, record, outcome) = match target {
        Some(target) => {
            let (record, outcome) = workspaces_call(
                &shared,
                &method,
                &path,
                &target,
                &body,
                signed_region(&headers),
                member,
            )
            .await;
            (Service::Workspaces, record, outcome)
        }
        None => {
            let (record, outcome) = thinclient_call(&shared, &method, &uri, &body, member).await;
            (Service::ThinClient, record, outcome)
        }
    };
    let response = render(outcome);
    shared.log.record(RequestRecord {
        service: service.name().to_string(),
        status: response.status().as_u16(),
        signed_region: signed_region(&headers),
        account: member_account,
        ..record
    });
    response
}

/// The region of a SigV4 `Authorization` header's credential scope
/// (`Credential=AKID/20261121/eu-west-1/thinclient/aws4_request`).
fn signed_region(headers: &HeaderMap) -> Option<String> {
    let authorization = headers.get("authorization")?.to_str().ok()?;
    let credential = authorization.split("Credential=").nth(1)?;
    let scope = credential.split([',', ' ']).next()?;
    scope.split('/').nth(2).map(str::to_string)
}

/// An STS call (awsQuery: a form-encoded POST): GetCallerIdentity answers
/// at once, as it always has; AssumeRole takes the configured latency, as a
/// round trip to STS does. Neither is throttled nor failed on purpose: the
/// knobs are the fleets' services'.
async fn sts_call(
    shared: &Shared,
    form: &[(String, String)],
    access_key: Option<&str>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    let assuming = form
        .iter()
        .any(|(key, value)| key == "Action" && value == "AssumeRole");
    if assuming {
        latency(shared).await;
    }
    let (operation, response) =
        accounts::sts_call(&shared.organization, form, access_key, Utc::now());
    let role = form
        .iter()
        .find(|(key, _)| key == "RoleArn")
        .map(|(_, arn)| arn.clone());
    shared.log.record(RequestRecord {
        service: "sts".to_string(),
        operation,
        method: method.to_string(),
        path: uri.path().to_string(),
        status: response.status().as_u16(),
        client_token: None,
        resource: role,
        signed_region: signed_region(headers),
        account: shared.organization.member_of_key(access_key),
    });
    response
}

/// An Organizations call (awsJson1.1), after the configured latency.
async fn organizations_call(
    shared: &Shared,
    operation: &str,
    body: &Bytes,
    access_key: Option<&str>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    latency(shared).await;
    let answer = accounts::organizations_call(
        &shared.organization,
        operation,
        body,
        access_key,
        Utc::now(),
    );
    let response = render(Outcome::Workspaces(answer));
    shared.log.record(RequestRecord {
        service: "organizations".to_string(),
        operation: operation.to_string(),
        method: method.to_string(),
        path: uri.path().to_string(),
        status: response.status().as_u16(),
        client_token: None,
        resource: None,
        signed_region: signed_region(headers),
        account: shared.organization.member_of_key(access_key),
    });
    response
}

async fn latency(shared: &Shared) {
    let latency = shared.knobs.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
}

/// Why a request was refused before it reached the state.
enum Refusal {
    Throttled { retry_after_seconds: u64 },
    InjectedFailure,
}

const INJECTED_FAILURE: &str = "The sandbox injected this failure (fail_rate).";

/// What every request goes through before it may touch the state: the rate
/// limit, the latency, and the injected failures.
async fn gate(shared: &Shared) -> Result<(), Refusal> {
    if let Err(retry_after_seconds) = shared.knobs.admit() {
        return Err(Refusal::Throttled {
            retry_after_seconds,
        });
    }
    latency(shared).await;
    if shared.knobs.should_fail() {
        return Err(Refusal::InjectedFailure);
    }
    Ok(())
}

async fn thinclient_call(
    shared: &Arc<Shared>,
    method: &Method,
    uri: &Uri,
    body: &Bytes,
    member: Option<&MemberPlace<'_>>,
) -> (RequestRecord, Outcome) {
    let mut record = RequestRecord {
        service: String::new(),
        operation: "Unknown".to_string(),
        method: method.to_string(),
        path: uri.path().to_string(),
        status: 0,
        client_token: None,
        resource: None,
        signed_region: None,
        account: None,
    };
    let segments = wire::path_segments(uri.path());
    let query = wire::query_pairs(uri.query());
    let (Some(segments), Some(query)) = (segments, query) else {
        let error =
            thinclient::validate::cannot_parse("the request URI is not validly percent-encoded");
        return (record, Outcome::ThinClientError(error));
    };
    let Some(route) = thinclient::route(method.as_str(), &segments) else {
        let error = thinclient::unknown_operation(method.as_str(), uri.path());
        return (record, Outcome::ThinClientError(error));
    };
    let operation = route.operation;
    let request = thinclient::Request {
        route,
        query: &query,
        body,
    };
    record.operation = operation.name.to_string();
    record.client_token = request.client_token();
    record.resource = request.route.label.clone();
    if let Err(refusal) = gate(shared).await {
        let error = match refusal {
            Refusal::Throttled {
                retry_after_seconds,
            } => TcError::Throttling {
                message: "Rate exceeded".to_string(),
                retry_after_seconds,
            },
            Refusal::InjectedFailure => TcError::InternalServer {
                message: INJECTED_FAILURE.to_string(),
                retry_after_seconds: 1,
            },
        };
        return (record, Outcome::ThinClientError(error));
    }
    let result = shared
        .operate(
            operation.is_read_only(),
            |state| {
                let now = Utc::now();
                let (thinclient, _) = state.fleet(member, now);
                thinclient.handle(&request, now, shared.transition)
            },
            Result::is_ok,
        )
        .unwrap_or_else(|error| {
            Err(TcError::InternalServer {
                message: format!("the sandbox state: {error}"),
                retry_after_seconds: 1,
            })
        });
    if operation.name == "CreateEnvironment"
        && let Ok(reply) = &result
    {
        record.resource = reply
            .body
            .as_ref()
            .and_then(|body| body["environment"]["id"].as_str())
            .map(str::to_string);
    }
    let outcome = match result {
        Ok(reply) => Outcome::Reply(reply),
        Err(error) => Outcome::ThinClientError(error),
    };
    (record, outcome)
}

/// A CloudWatch call (RPC v2 CBOR, told apart by its path): read-only,
/// through the same knobs and request log as the other services.
async fn cloudwatch_call(
    shared: &Arc<Shared>,
    method: &Method,
    path: &str,
    operation: &str,
    body: &Bytes,
    headers: &HeaderMap,
    member: Option<&MemberPlace<'_>>,
) -> Response {
    let (result, retry_after) = match gate(shared).await {
        Err(Refusal::Throttled {
            retry_after_seconds,
        }) => (Err(CwError::throttled()), Some(retry_after_seconds)),
        Err(Refusal::InjectedFailure) => (Err(CwError::internal(INJECTED_FAILURE)), None),
        Ok(()) => {
            let answer = shared.operate(
                true,
                |state| {
                    let now = Utc::now();
                    let (_, workspaces) = state.fleet(member, now);
                    cloudwatch::handle(workspaces, operation, body, now)
                },
                Result::is_ok,
            );
            let answer = answer.unwrap_or_else(|error| {
                Err(CwError::internal(format!("the sandbox state: {error}")))
            });
            (answer, None)
        }
    };
    let built = match result {
        Ok(bytes) => response(200, cloudwatch::CONTENT_TYPE)
            .header("smithy-protocol", "rpc-v2-cbor")
            .body(Body::from(bytes)),
        Err(error) => {
            let mut builder = response(error.status, cloudwatch::CONTENT_TYPE)
                .header("smithy-protocol", "rpc-v2-cbor")
                .header("x-amzn-query-error", error.query_error());
            if let Some(seconds) = retry_after {
                builder = builder.header(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            builder.body(Body::from(error.body()))
        }
    };
    let response = or_internal_error(built);
    shared.log.record(RequestRecord {
        service: "cloudwatch".to_string(),
        operation: operation.to_string(),
        method: method.to_string(),
        path: path.to_string(),
        status: response.status().as_u16(),
        client_token: None,
        resource: None,
        signed_region: signed_region(headers),
        account: member.map(|place| place.account.to_owned()),
    });
    response
}

/// The id a WorkSpaces request is about, for the request log.
fn workspaces_resource(input: &Value) -> Option<String> {
    const ID_MEMBERS: &[&str] = &[
        "WorkspaceId",
        "ResourceId",
        "ImageId",
        "SourceImageId",
        "BundleId",
        "DirectoryId",
        "ApplicationId",
    ];
    ID_MEMBERS
        .iter()
        .find_map(|member| input.get(member)?.as_str().map(str::to_string))
}

async fn workspaces_call(
    shared: &Arc<Shared>,
    method: &Method,
    path: &str,
    target: &str,
    body: &Bytes,
    region: Option<String>,
    member: Option<&MemberPlace<'_>>,
) -> (RequestRecord, Outcome) {
    let operation = target
        .strip_prefix(WORKSPACES_TARGET_PREFIX)
        .unwrap_or(target)
        .to_string();
    let parsed: Result<Value, _> = if body.iter().all(u8::is_ascii_whitespace) {
        Ok(Value::Object(Default::default()))
    } else {
        serde_json::from_slice(body)
    };
    let record = RequestRecord {
        service: String::new(),
        operation: operation.clone(),
        method: method.to_string(),
        path: path.to_string(),
        status: 0,
        client_token: parsed
            .as_ref()
            .ok()
            .and_then(|input| input.get("ClientToken")?.as_str().map(str::to_string)),
        resource: parsed.as_ref().ok().and_then(workspaces_resource),
        signed_region: None,
        account: None,
    };
    let error = |status: u16, code: &'static str, message: String| {
        Outcome::Workspaces(Err(WsError {
            status,
            code,
            message,
        }))
    };
    if !target.starts_with(WORKSPACES_TARGET_PREFIX) {
        let message = format!("{target} is not an operation of this service");
        return (record, error(400, "UnknownOperationException", message));
    }
    let Ok(input) = parsed else {
        let message = "the request body is not valid JSON".to_string();
        return (record, error(400, "SerializationException", message));
    };
    if let Err(refusal) = gate(shared).await {
        let outcome = match refusal {
            // awsJson1.1 services answer throttling with a 400.
            Refusal::Throttled {
                retry_after_seconds,
            } => Outcome::WorkspacesThrottled {
                retry_after_seconds,
            },
            Refusal::InjectedFailure => error(500, "InternalFailure", INJECTED_FAILURE.to_string()),
        };
        return (record, outcome);
    }
    let Some(operation) = workspaces::operation(&operation) else {
        return (
            record,
            Outcome::Workspaces(Err(WsError::unknown_operation(&operation))),
        );
    };
    let result = shared
        .operate(
            operation.is_read_only(),
            |state| {
                let now = Utc::now();
                let (_, workspaces) = state.fleet(member, now);
                workspaces.run_in_region(operation, &input, now, shared.transition, region)
            },
            Result::is_ok,
        )
        .unwrap_or_else(|error| {
            Err(WsError {
                status: 500,
                code: "InternalFailure",
                message: format!("the sandbox state: {error}"),
            })
        });
    (record, Outcome::Workspaces(result))
}

fn response(status: u16, content_type: &str) -> axum::http::response::Builder {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, content_type)
        .header("x-amzn-RequestId", uuid::Uuid::new_v4().to_string())
}

fn render(outcome: Outcome) -> Response {
    let built = match outcome {
        Outcome::Reply(reply) => {
            let body = reply
                .body
                .map(|body| body.to_string().into_bytes())
                .unwrap_or_default();
            response(reply.status, JSON).body(Body::from(body))
        }
        Outcome::ThinClientError(error) => {
            let mut builder =
                response(error.status(), JSON).header("x-amzn-ErrorType", error.code());
            if let Some(seconds) = error.retry_after_seconds() {
                builder = builder.header(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            builder.body(Body::from(error.body().to_string()))
        }
        Outcome::Workspaces(Ok(value)) => {
            response(200, AMZ_JSON).body(Body::from(value.to_string()))
        }
        Outcome::Workspaces(Err(error)) => {
            let body = serde_json::json!({ "__type": error.code, "message": error.message });
            response(error.status, AMZ_JSON).body(Body::from(body.to_string()))
        }
        Outcome::WorkspacesThrottled {
            retry_after_seconds,
        } => {
            let body =
                serde_json::json!({ "__type": "ThrottlingException", "message": "Rate exceeded" });
            response(400, AMZ_JSON)
                .header(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds))
                .body(Body::from(body.to_string()))
        }
    };
    or_internal_error(built)
}

/// A response that could not be built (a header the builder refused) is a
/// bare 500.
fn or_internal_error(built: Result<Response, axum::http::Error>) -> Response {
    built.unwrap_or_else(|_| {
        let mut fallback = Response::new(Body::empty());
        *fallback.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}
