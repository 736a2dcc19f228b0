//! Answers, and error bodies in each service's own format, built from the generated types.

use bytes::Bytes;
use hyper::StatusCode;
use serde::Serialize;
use serde_json::Value;

use crate::world::ApiError;

/// Which service an operation belongs to: it decides the error body's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Distributed Cache Service: `{"error_code", "error_msg", "error_ext_msg": null}`.
    Dcs,
    /// Data Replication Service: `{"error_code", "error_msg"}`.
    Drs,
    /// Cloud Search Service: `{"errCode", "externalMessage"}` from the service itself.
    Css,
}

/// An answer before faults touch it.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub content_type: Option<&'static str>,
    pub body: Bytes,
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    /// `status` with a JSON body serialized from a generated type.
    pub(crate) fn json<T: Serialize>(status: u16, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Self {
                status: StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                content_type: Some("application/json"),
                body: Bytes::from(body),
                headers: Vec::new(),
            },
            Err(e) => Self::text(
                500,
                "text/plain",
                format!("cannot serialize the answer: {e}"),
            ),
        }
    }

    /// `status` without a body.
    pub(crate) fn empty(status: u16) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::NO_CONTENT),
            content_type: None,
            body: Bytes::new(),
            headers: Vec::new(),
        }
    }

    /// `status` with a text body.
    pub(crate) fn text(status: u16, content_type: &'static str, body: String) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            content_type: Some(content_type),
            body: Bytes::from(body),
            headers: Vec::new(),
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The service's own error answer, in its format.
    pub(crate) fn service_error(service: Service, error: &ApiError) -> Self {
        let body = match service {
            Service::Dcs => {
                let typed = hwcloud_dcs::types::ErrorResponse {
                    error_code: Some(error.code.clone()),
                    error_msg: Some(error.msg.clone()),
                    error_ext_msg: None,
                };
                // The pages show `"error_ext_msg": null`.
                let mut value = serde_json::to_value(typed).unwrap_or(Value::Null);
                if let Some(map) = value.as_object_mut() {
                    map.insert("error_ext_msg".into(), Value::Null);
                }
                value
            }
            Service::Drs => serde_json::to_value(hwcloud_drs::types::ErrorResponse {
                error_code: Some(error.code.clone()),
                error_msg: Some(error.msg.clone()),
                error_ext_msg: None,
            })
            .unwrap_or(Value::Null),
            Service::Css => serde_json::to_value(hwcloud_css::types::ErrorResponse {
                err_code: Some(error.code.clone()),
                external_message: Some(error.msg.clone()),
                ..Default::default()
            })
            .unwrap_or(Value::Null),
        };
        Self::json(error.status, &body)
    }

    /// An error answer from the API gateway in front of the service: `error_code`/`error_msg` in
    /// every service (the CSS error schema names them for this case).
    pub(crate) fn gateway_error(service: Service, error: &ApiError) -> Self {
        match service {
            Service::Css => Self::json(
                error.status,
                &hwcloud_css::types::ErrorResponse {
                    error_code: Some(error.code.clone()),
                    error_msg: Some(error.msg.clone()),
                    ..Default::default()
                },
            ),
            other => Self::service_error(other, error),
        }
    }
}

/// Gateway error codes (the API gateway's, as the services' error pages list them).
pub(crate) mod gateway {
    /// 401: the signature, token or security token does not check out.
    pub(crate) const UNAUTHORIZED: &str = "APIGW.0301";
    /// 403: the credentials are not for the project in the path.
    pub(crate) const FORBIDDEN: &str = "APIGW.0302";
    /// 404: no such API.
    pub(crate) const NO_API: &str = "APIGW.0101";
    /// 429: throttled.
    pub(crate) const THROTTLED: &str = "APIGW.0308";
    /// 502/503: the backend is unavailable.
    pub(crate) const BACKEND_UNAVAILABLE: &str = "APIGW.0201";
    /// 504: the backend timed out.
    pub(crate) const BACKEND_TIMEOUT: &str = "APIGW.0202";
}

/// The answer of a `status` fault: the gateway's for 429, 502, 503 and 504, the service's own
/// internal error otherwise.
pub(crate) fn fault_answer(service: Service, status: u16, retry_after: Option<u64>) -> Answer {
    let (gateway_code, msg) = match status {
        429 => (
            Some(gateway::THROTTLED),
            "The throttling threshold has been reached.",
        ),
        502 | 503 => (Some(gateway::BACKEND_UNAVAILABLE), "Backend unavailable."),
        504 => (Some(gateway::BACKEND_TIMEOUT), "Backend timeout."),
        _ => (None, "Internal service error."),
    };
    let answer = match gateway_code {
        Some(code) => Answer::gateway_error(service, &ApiError::new(status, code, msg)),
        None => {
            let code = match service {
                Service::Dcs => "DCS.5000",
                Service::Drs => "DRS.M00500",
                Service::Css => "CSS.5000",
            };
            Answer::service_error(service, &ApiError::new(status, code, msg))
        }
    };
    match retry_after {
        Some(secs) => answer.with_header("retry-after", secs.to_string()),
        None => answer,
    }
}

/// The HTML page a gateway answers with.
pub(crate) fn html_page(status: u16) -> Answer {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    Answer::text(
        status,
        "text/html",
        format!(
            "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} \
             {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        ),
    )
}
