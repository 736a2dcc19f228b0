//! The admin endpoint under `/_sim/` (no authentication; the simulator listens on loopback):
//! ground truth and run-time faults for a script driving the binary.
//!
//! | request | answer |
//! |---|---|
//! | `GET /_sim/info` | the start-up JSON line's object |
//! | `GET /_sim/performed` | `{"counts": {"ChangeMasterStandbyAsync": 1, ...}, "performed": [...]}` |
//! | `GET /_sim/requests` | every request received, in order, with the status answered |
//! | `GET /_sim/state` | every resource now: DCS masters and replicas, DRS switches, CSS tasks |
//! | `GET /_sim/faults` | the armed faults |
//! | `POST /_sim/faults` | arms a fault, or a JSON array of faults (see [`crate::Fault`]) |
//! | `DELETE /_sim/faults` | disarms every fault |

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use hyper::StatusCode;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;

use crate::faults::Fault;
use crate::state::{Shared, arm, lock};

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_vec_pretty(value).unwrap_or_else(|e| e.to_string().into_bytes());
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn error(message: String) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &serde_json::json!({ "error": message }),
    )
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/info", get(info))
        .route("/performed", get(performed))
        .route("/requests", get(requests))
        .route("/state", get(state))
        .route("/faults", get(faults).post(add_faults).delete(clear_faults))
}

async fn info(State(shared): State<Arc<Shared>>) -> Response {
    json(StatusCode::OK, &shared.info.get())
}

/// Counts of performed switchovers by operation, and the list.
pub(crate) fn performed_counts(shared: &Shared) -> serde_json::Value {
    let performed = lock(&shared.world).performed().to_vec();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &performed {
        *counts.entry(&p.operation).or_default() += 1;
    }
    serde_json::json!({ "counts": counts, "performed": performed })
}

async fn performed(State(shared): State<Arc<Shared>>) -> Response {
    json(StatusCode::OK, &performed_counts(&shared))
}

async fn requests(State(shared): State<Arc<Shared>>) -> Response {
    let log = lock(&shared.log).to_vec();
    json(StatusCode::OK, &log)
}

async fn state(State(shared): State<Arc<Shared>>) -> Response {
    let now = shared.clock.now_ms();
    let snapshot = lock(&shared.world).snapshot(now);
    json(StatusCode::OK, &snapshot)
}

async fn faults(State(shared): State<Arc<Shared>>) -> Response {
    let armed = lock(&shared.faults).list();
    json(StatusCode::OK, &armed)
}

async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Fault>),
        One(Fault),
    }
    let faults = match serde_json::from_slice::<OneOrMany>(&body) {
        Ok(OneOrMany::Many(faults)) => faults,
        Ok(OneOrMany::One(fault)) => vec![fault],
        Err(e) => return error(format!("not a fault or a list of faults: {e}")),
    };
    for fault in faults {
        if let Err(e) = arm(&shared, fault) {
            return error(e);
        }
    }
    let armed = lock(&shared.faults).list();
    json(StatusCode::OK, &armed)
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    lock(&shared.faults).clear();
    json(StatusCode::OK, &Vec::<Fault>::new())
}
