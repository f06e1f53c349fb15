//! One bound on the requests a run has in flight, whatever their place:
//! each holds a connection (a file descriptor) until it is answered, and a
//! listing over hundreds of places, each reading `--concurrency` parts,
//! would otherwise open thousands at once, past the usual limit of 1,024
//! open files. Requests beyond the bound wait for one to be answered.

use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use tokio::sync::Semaphore;

use crate::api::http_client::{WrapConnector, wrapped};

/// The most requests in flight at once in a run.
pub const MAX_IN_FLIGHT: usize = 512;

/// `inner`, its requests taking one of `limit` permits while sent.
pub fn bounded(inner: SharedHttpClient, limit: usize) -> SharedHttpClient {
    wrapped(inner, Bound(Arc::new(Semaphore::new(limit.max(1)))))
}

#[derive(Debug)]
struct Bound(Arc<Semaphore>);

impl WrapConnector for Bound {
    fn wrap(&self, inner: SharedHttpConnector) -> SharedHttpConnector {
        SharedHttpConnector::new(BoundedConnector {
            inner,
            permits: Arc::clone(&self.0),
        })
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
