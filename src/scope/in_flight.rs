//! One bound on the requests a run has in flight, whatever their place:
//! each holds a connection (a file descriptor) until it is answered, and a
//! listing over hundreds of places, each reading `--concurrency` parts,
//! would otherwise open thousands at once, past the usual limit of 1,024
//! open files. Requests beyond the bound wait for one to be answered.

use std::sync::Arc;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_types::config_bag::ConfigBag;
use tokio::sync::Semaphore;

/// The most requests in flight at once in a run.
pub const MAX_IN_FLIGHT: usize = 512;

/// An HTTP client whose requests take one of a run's permits while sent.
#[derive(Debug)]
pub struct Bounded {
    inner: SharedHttpClient,
    permits: Arc<Semaphore>,
}

impl Bounded {
    pub fn new(inner: SharedHttpClient, limit: usize) -> SharedHttpClient {
        SharedHttpClient::new(Bounded {
            inner,
            permits: Arc::new(Semaphore::new(limit.max(1))),
        })
    }
}

impl HttpClient for Bounded {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(BoundedConnector {
            inner: self.inner.http_connector(settings, components),
            permits: Arc::clone(&self.permits),
        })
    }

    fn validate_base_client_config(
        &self,
        runtime_components: &RuntimeComponentsBuilder,
        cfg: &ConfigBag,
    ) -> Result<(), BoxError> {
        self.inner
            .validate_base_client_config(runtime_components, cfg)
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.inner.connector_metadata()
    }
}

#[derive(Debug)]
struct BoundedConnector {
    inner: SharedHttpConnector,
    permits: Arc<Semaphore>,
}

impl HttpConnector for BoundedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let permits = Arc::clone(&self.permits);
        HttpConnectorFuture::new(async move {
            // Never closed: acquiring cannot fail; were it to, sending
            // unbounded is still correct.
            let _permit = permits.acquire_owned().await.ok();
            inner.call(request).await
        })
    }
}
