//! An HTTP client whose connectors are another's, each wrapped: how wsfleet
//! adds to every request it sends (pacing under a rate limit, the bound on
//! requests in flight) without a client of its own for each.
//!
//! Every SDK client built on an HTTP client asks it to validate itself, and
//! the SDK's own client answers by building a whole connector, its TLS
//! configuration and trust roots parsed anew (then thrown away). A run
//! over 400 places builds 500 SDK clients on one shared HTTP client: a
//! wrapped client validates its inner one once, the first time it is
//! asked, and answers for it after.

use std::sync::atomic::{AtomicBool, Ordering};

use aws_smithy_runtime::client::defaults::default_http_client_plugin_v2;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_types::config_bag::ConfigBag;

/// The SDK's own default HTTP client, as a client would pick it for itself.
pub fn sdk_default() -> Option<SharedHttpClient> {
    default_http_client_plugin_v2(BehaviorVersion::latest())?
        .runtime_components(&RuntimeComponentsBuilder::new("wsfleet::api::http_client"))
        .http_client()
}

/// What wraps each connector of a [`wrapped`] client.
pub trait WrapConnector: std::fmt::Debug + Send + Sync + 'static {
    fn wrap(&self, inner: SharedHttpConnector) -> SharedHttpConnector;
}

/// `inner`, each of its connectors wrapped by `wrapper`.
pub fn wrapped(inner: SharedHttpClient, wrapper: impl WrapConnector) -> SharedHttpClient {
    SharedHttpClient::new(Wrapped {
        inner,
        wrapper,
        validated: AtomicBool::new(false),
    })
}

#[derive(Debug)]
struct Wrapped<W> {
    inner: SharedHttpClient,
    wrapper: W,
    /// The inner client has validated once (see the module's comment).
    validated: AtomicBool,
}

impl<W: WrapConnector> HttpClient for Wrapped<W> {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.wrapper
            .wrap(self.inner.http_connector(settings, components))
    }

    fn validate_base_client_config(
        &self,
        runtime_components: &RuntimeComponentsBuilder,
        cfg: &ConfigBag,
    ) -> Result<(), BoxError> {
        if self.validated.load(Ordering::Acquire) {
            return Ok(());
        }
        self.inner
            .validate_base_client_config(runtime_components, cfg)?;
        self.validated.store(true, Ordering::Release);
        Ok(())
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.inner.connector_metadata()
    }
}
