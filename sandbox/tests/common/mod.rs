//! Clients for tests against a sandbox: the real SDK clients pointed at it,
//! and a plain HTTP client for what the SDKs hide.

#![allow(dead_code)]

use aws_sdk_workspacesthinclient::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_workspacesthinclient::config::{
    ConfigBag, Credentials, Intercept, Region, RuntimeComponents,
};
use aws_smithy_runtime_api::box_error::BoxError;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// The Thin Client SDK prefixes the endpoint host with `api.`; against
/// 127.0.0.1 that name does not resolve, so put the host back.
#[derive(Debug)]
pub struct StripHostPrefix;

impl Intercept for StripHostPrefix {
    fn name(&self) -> &'static str {
        "StripHostPrefix"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let uri = context.request().uri().to_string();
        if let Some(rest) = uri.strip_prefix("http://api.") {
            context.request_mut().set_uri(format!("http://{rest}"))?;
        }
        Ok(())
    }
}

fn credentials() -> Credentials {
    Credentials::new("AKIDSANDBOX", "sandbox-secret", None, None, "sandbox-tests")
}

/// A Thin Client client for the sandbox at `endpoint`, without retries so a
/// test sees each error the sandbox answers.
pub fn thinclient(endpoint: &str) -> aws_sdk_workspacesthinclient::Client {
    thinclient_with_retries(endpoint, 1)
}

pub fn thinclient_with_retries(
    endpoint: &str,
    max_attempts: u32,
) -> aws_sdk_workspacesthinclient::Client {
    use aws_sdk_workspacesthinclient::config::retry::RetryConfig;
    let config = aws_sdk_workspacesthinclient::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(endpoint)
        .interceptor(StripHostPrefix)
        .retry_config(RetryConfig::standard().with_max_attempts(max_attempts))
        .build();
    aws_sdk_workspacesthinclient::Client::from_conf(config)
}

pub fn workspaces(endpoint: &str) -> aws_sdk_workspaces::Client {
    use aws_sdk_workspaces::config::retry::RetryConfig;
    let config = aws_sdk_workspaces::Config::builder()
        .behavior_version_latest()
        .region(aws_sdk_workspaces::config::Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(endpoint)
        .retry_config(RetryConfig::disabled())
        .build();
    aws_sdk_workspaces::Client::from_conf(config)
}

/// A plain HTTP/1.1 client with keep-alive.
pub fn http_client() -> HyperClient<HttpConnector, Full<Bytes>> {
    HyperClient::builder(TokioExecutor::new()).build_http()
}

pub struct RawResponse {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: serde_json::Value,
}

/// Sends one request and reads the JSON answer (`null` for an empty body).
pub async fn raw(
    client: &HyperClient<HttpConnector, Full<Bytes>>,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> RawResponse {
    let mut request = hyper::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    RawResponse {
        status,
        headers,
        body,
    }
}
