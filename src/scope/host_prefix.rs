//! The endpoint-URL fix for the Thin Client API's host prefix. This file
//! depends on the SDK only, so the benchmark's floor program compiles the
//! very same code and makes the very same requests.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::endpoint::EndpointPrefix;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextMut;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_types::endpoint_config::EndpointUrl;

/// The Thin Client API's model puts an `api.` host prefix on every request,
/// which turns `http://127.0.0.1:4566` into `http://api.127.0.0.1:4566`. With
/// an endpoint URL configured (flag, environment or profile) the request must
/// go exactly there, so the prefix is dropped before the endpoint is applied.
#[derive(Debug)]
pub struct StripHostPrefixForCustomEndpoint;

impl Intercept for StripHostPrefixForCustomEndpoint {
    fn name(&self) -> &'static str {
        "StripHostPrefixForCustomEndpoint"
    }

    fn modify_before_serialization(
        &self,
        _context: &mut BeforeSerializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        if cfg.load::<EndpointUrl>().is_some() {
            cfg.interceptor_state().unset::<EndpointPrefix>();
        }
        Ok(())
    }
}
