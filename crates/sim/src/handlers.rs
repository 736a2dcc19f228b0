//! The operations' handlers: each authenticated request, run against the shared state. The
//! HTTP side (`server`) and the simulator's own checks (`proof`) both call [`handle`].

use std::sync::MutexGuard;
use std::time::Duration;

use hyper::header::CONTENT_TYPE;
use serde::Serialize;

use crate::answer::{Answer, Service};
use crate::state::{Shared, lock};
use crate::world::{ApiError, CssQuery, TaskQuery, World, codes};

pub(crate) fn bad_request(service: Service, message: &str) -> ApiError {
    let code = match service {
        Service::Dcs => codes::DCS_INVALID_PARAMETER,
        Service::Drs => codes::DRS_INVALID_PARAMETER,
        Service::Css => codes::CSS_INVALID_PARAMETER,
    };
    ApiError::new(400, code, format!("Invalid request: {message}"))
}

/// One authenticated request, as the handlers see it.
pub(crate) struct Call<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) service: Service,
    pub(crate) params: &'a [(String, String)],
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a hyper::HeaderMap,
    pub(crate) body: &'a [u8],
}

impl Call<'_> {
    fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    fn now(&self) -> i64 {
        self.shared.clock.now_ms()
    }

    fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.shared.world)
    }

    fn answer<T: Serialize>(&self, status: u16, result: Result<T, ApiError>) -> Answer {
        match result {
            Ok(value) => Answer::json(status, &value),
            Err(error) => Answer::service_error(self.service, &error),
        }
    }

    fn bad(&self, message: &str) -> Answer {
        Answer::service_error(self.service, &bad_request(self.service, message))
    }

    /// The JSON body, after checking the content type.
    fn json_body<T: serde::de::DeserializeOwned>(&self) -> Result<T, Answer> {
        let content_type = self
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let media = content_type.split(';').next().unwrap_or("").trim();
        if !media.eq_ignore_ascii_case("application/json") {
            return Err(self.bad(&format!(
                "Content-Type must be application/json, not {content_type:?}"
            )));
        }
        serde_json::from_slice(self.body)
            .map_err(|e| self.bad(&format!("the body is not a valid request: {e}")))
    }

    /// Checks the optional `X-Language` header against the spec's closed enum.
    fn check_language(&self) -> Result<(), Answer> {
        match self.headers.get("x-language") {
            None => Ok(()),
            Some(value) => value
                .to_str()
                .ok()
                .and_then(|v| v.parse::<hwcloud_drs::types::Language>().ok())
                .map(|_| ())
                .ok_or_else(|| self.bad("X-Language must be en-us or zh-cn")),
        }
    }
}

/// Runs operation `name`. Every operation in [`HANDLED`] has an arm here.
pub(crate) async fn handle(name: &str, call: &Call<'_>) -> Answer {
    match name {
        "ExecuteClusterSwitchover" => {
            let result = call.world().execute_cluster_switchover(
                call.now(),
                call.param("instance_id"),
                call.param("group_id"),
                call.param("node_id"),
            );
            call.answer(200, result)
        }
        "ChangeMasterStandbyAsync" => {
            let result = call
                .world()
                .change_master_standby_async(call.now(), call.param("instance_id"));
            call.answer(200, result)
        }
        "ChangeMasterStandby" => {
            let started = call
                .world()
                .change_master_standby(call.now(), call.param("instance_id"));
            let (job_id, end_ms) = match started {
                Ok(job) => job,
                Err(error) => return Answer::service_error(call.service, &error),
            };
            // The synchronous swap answers once it is done.
            loop {
                let wait = u64::try_from(end_ms - call.now()).unwrap_or(0);
                tokio::time::sleep(call.shared.clock.real(wait) + Duration::from_millis(1)).await;
                if let Some(result) = call.world().sync_swap_result(call.now(), &job_id) {
                    break match result {
                        Ok(()) => Answer::empty(204),
                        Err(error) => Answer::service_error(call.service, &error),
                    };
                }
            }
        }
        "ShowJobInfo" => {
            let result = call.world().show_job_info(call.now(), call.param("job_id"));
            call.answer(200, result)
        }
        "SwitchVip" => {
            if let Err(answer) = call.check_language() {
                return answer;
            }
            let content_type = call
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let media = content_type.split(';').next().unwrap_or("").trim();
            if !media.eq_ignore_ascii_case("application/json") {
                return call.bad(&format!(
                    "Content-Type must be application/json, not {content_type:?}"
                ));
            }
            let request: hwcloud_drs::types::SwitchVipRequestBody =
                match serde_json::from_slice(call.body) {
                    Ok(request) => request,
                    Err(e) => return call.bad(&format!("the body is not a valid request: {e}")),
                };
            let result = call
                .world()
                .switch_vip(call.now(), call.param("job_id"), request.mode);
            call.answer(202, result)
        }
        "ShowSwitchVipStatus" => {
            if let Err(answer) = call.check_language() {
                return answer;
            }
            let result = call
                .world()
                .show_switch_vip_status(call.now(), call.param("job_id"));
            call.answer(200, result)
        }
        "UpgradeDetail" => {
            let query = match CssQuery::parse(call.query) {
                Ok(query) => query,
                Err(message) => return call.bad(&message),
            };
            let result = call
                .world()
                .upgrade_detail(call.now(), call.param("cluster_id"), &query);
            call.answer(200, result)
        }
        "ListGroupReplicationInfo" => {
            let result = call
                .world()
                .list_group_replication_info(call.now(), call.param("instance_id"));
            call.answer(200, result)
        }
        "ShowInstance" => {
            let result = call
                .world()
                .show_instance(call.now(), call.param("instance_id"));
            call.answer(200, result)
        }
        "ListBackgroundTask" => {
            let query = match TaskQuery::parse(call.query) {
                Ok(query) => query,
                Err(message) => return call.bad(&message),
            };
            let result =
                call.world()
                    .list_background_task(call.now(), call.param("instance_id"), &query);
            call.answer(200, result)
        }
        "ShowClusterDetail" => {
            let result = call
                .world()
                .show_cluster_detail(call.now(), call.param("cluster_id"));
            call.answer(200, result)
        }
        "UpdateAzByInstanceType" => {
            let body: hwcloud_css::types::UpdateAzByInstanceTypeRequestBody = match call.json_body()
            {
                Ok(body) => body,
                Err(answer) => return answer,
            };
            let result = call.world().update_az_by_instance_type(
                call.now(),
                call.param("cluster_id"),
                call.param("inst_type"),
                &body,
            );
            match result {
                Ok(()) => Answer::empty(200),
                Err(error) => Answer::service_error(call.service, &error),
            }
        }
        "BatchListJobDetails" => {
            if let Err(answer) = call.check_language() {
                return answer;
            }
            let body: hwcloud_drs::types::BatchQueryJobReqPage = match call.json_body() {
                Ok(body) => body,
                Err(answer) => return answer,
            };
            let result = call.world().batch_list_job_details(call.now(), &body);
            call.answer(200, result)
        }
        other => Answer::text(500, "text/plain", format!("no handler for {other}")),
    }
}
