//! Every service end to end against a mock that checks signatures the way the API gateway does: the
//! answering mock matches only requests whose `Authorization` the core's own [`Verifier`] accepts
//! for the test SK; everything else gets the gateway's 401. A call with the right SK succeeds, with
//! a wrong SK it fails with `Service` 401, for every algorithm and credential kind.

use httpmock::{HttpMockRequest, HttpMockResponse, Mock, MockServer, When};
use hwcloud_core::signing::{ReceivedRequest, VerifiedRequest};
use hwcloud_core::{
    Algorithm, ClientBuilder, Credentials, Error, ErrorKind, RetryPolicy, Verifier,
};
use hwcloud_tests::clients;
use secrecy::SecretString;
use serde_json::json;

const AK: &str = "AKE2ETESTEXAMPLE0001";
const SK: &str = "e2e-test-secret-key-0123456789abcdefghij";
const WRONG_SK: &str = "e2e-test-secret-key-0123456789abcdefghiJ";
const SECURITY_TOKEN: &str = "e2e-security-token-gQpjbi1ub3J0aC00EXAMPLE";
const IAM_TOKEN: &str = "MIIe2e-iam-token-EXAMPLE-0123456789";
const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE_ID: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const JOB_ID: &str = "ff8080818822bbf70188235afc24141a";

/// Checks a request as received by httpmock against `sk`.
fn verify(req: &HttpMockRequest, sk: &str) -> Result<VerifiedRequest, String> {
    let headers = req.headers_vec();
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.as_str())
        .ok_or("no Host header")?;
    // httpmock hands over the target in absolute form (`http://host:port/path?query`); accept the
    // origin form (`/path?query`) too.
    let target = req.uri_str();
    let url = if target.starts_with('/') {
        reqwest::Url::parse(&format!("http://{host}{target}"))
    } else {
        reqwest::Url::parse(target)
    }
    .map_err(|e| format!("{target}: {e}"))?;
    let received = ReceivedRequest::new(req.method_str(), &url, headers, req.body_ref());
    Verifier::new()
        .verify(&received, &SecretString::from(sk.to_owned()))
        .map_err(|e| e.to_string())
}

/// Whether a request is signed by `AK` with `SK` and `algorithm`, signing every header in `signed`.
fn signed_with(
    algorithm: Algorithm,
    signed: &'static [&'static str],
) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync + 'static {
    move |req| {
        verify(req, SK).is_ok_and(|v| {
            v.access_key == AK
                && v.algorithm == algorithm
                && signed
                    .iter()
                    .all(|h| v.signed_headers.iter().any(|s| s == h))
        })
    }
}

/// What every request authenticated by the core carries.
fn well_formed(when: When, server: &MockServer) -> When {
    when.header("x-project-id", PROJECT_ID)
        .header_exists("x-sdk-date")
        .header_missing("api-version")
        .header("host", format!("127.0.0.1:{}", server.port()))
}

/// Like the API gateway: whatever is not signed with `SK` (and `algorithm`) is answered 401, with
/// the verifier's reason in the message.
fn gateway(server: &MockServer, algorithm: Algorithm) -> Mock<'_> {
    server.mock(|when, then| {
        when.is_false(signed_with(algorithm, &[]));
        then.respond_with(|req: &HttpMockRequest| {
            let reason = match verify(req, SK) {
                Ok(v) => format!("signed by {} with {}", v.access_key, v.algorithm),
                Err(e) => e,
            };
            let body = json!({
                "error_code": "APIGW.0301",
                "error_msg": format!("Incorrect IAM authentication information: {reason}"),
            });
            HttpMockResponse::builder()
                .status(401)
                .header("content-type", "application/json")
                .header("X-Request-Id", "gateway-401")
                .body(body.to_string())
                .build()
        });
    })
}

fn assert_unauthorized(err: Error) {
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    assert_eq!(
        err.service_error().and_then(|e| e.error_code.as_deref()),
        Some("APIGW.0301")
    );
    assert_eq!(err.request_id(), Some("gateway-401"));
}

/// A builder of `builder`'s service against `server`, trying each call once.
fn at<C>(builder: ClientBuilder<C>, server: &MockServer) -> ClientBuilder<C> {
    clients::loopback(builder, &server.base_url(), PROJECT_ID, RetryPolicy::none())
}

fn dcs(server: &MockServer, credentials: Credentials, algorithm: Algorithm) -> hwcloud_dcs::Client {
    at(hwcloud_dcs::Client::builder(), server)
        .credentials(credentials)
        .algorithm(algorithm)
        .build()
        .expect("client builds")
}

/// `ShowJobInfo` of [`JOB_ID`], its error the core's.
async fn show_job(
    client: &hwcloud_dcs::Client,
) -> Result<hwcloud_dcs::types::ShowJobInfoResponse, Error> {
    let answer = client.show_job_info().job_id(JOB_ID).send().await?;
    Ok(answer.into_inner())
}

/// Mocks every DCS operation, answering only requests signed with `SK` and `algorithm`.
fn dcs_operations(server: &MockServer, algorithm: Algorithm) -> Vec<Mock<'_>> {
    use hwcloud_dcs::mock::MockServerExt;
    let sig = || signed_with(algorithm.clone(), &["host", "x-sdk-date", "x-project-id"]);
    vec![
        server.execute_cluster_switchover(|when, then| {
            let when = when
                .project_id(PROJECT_ID)
                .instance_id(INSTANCE_ID)
                .group_id("group-1")
                .node_id("node-2");
            well_formed(when.into_inner(), server).is_true(sig());
            then.into_inner()
                .status(200)
                .json_body(json!({"job_id": "job-shard"}));
        }),
        server.change_master_standby_async(|when, then| {
            let when = when.project_id(PROJECT_ID).instance_id(INSTANCE_ID);
            well_formed(when.into_inner(), server).is_true(sig());
            then.into_inner()
                .status(200)
                .json_body(json!({"job_id": "job-swap"}));
        }),
        server.change_master_standby(|when, then| {
            let when = when.project_id(PROJECT_ID).instance_id(INSTANCE_ID);
            well_formed(when.into_inner(), server).is_true(sig());
            then.no_content();
        }),
        server.show_job_info(|when, then| {
            let when = when.project_id(PROJECT_ID).job_id(JOB_ID);
            well_formed(when.into_inner(), server).is_true(sig());
            then.into_inner().status(200).json_body(
                json!({"job_id": JOB_ID, "status": "SUCCESS", "job_type": "SWITCHOVER"}),
            );
        }),
    ]
}

/// Calls every DCS operation once; the results in the order of [`dcs_operations`].
async fn call_every_dcs_operation(client: &hwcloud_dcs::Client) -> Vec<Result<String, Error>> {
    vec![
        client
            .execute_cluster_switchover()
            .instance_id(INSTANCE_ID)
            .group_id("group-1")
            .node_id("node-2")
            .send()
            .await
            .map(|r| r.into_inner().job_id),
        client
            .change_master_standby_async()
            .instance_id(INSTANCE_ID)
            .send()
            .await
            .map(|r| r.into_inner().job_id),
        client
            .change_master_standby()
            .instance_id(INSTANCE_ID)
            .send()
            .await
            .map(|r| r.status().to_string()),
        show_job(client)
            .await
            .map(|job| job.status.as_str().to_owned()),
    ]
}

async fn dcs_round_trip(algorithm: Algorithm) {
    let server = MockServer::start_async().await;
    let operations = dcs_operations(&server, algorithm.clone());
    let fallback = gateway(&server, algorithm.clone());

    let right = dcs(&server, Credentials::aksk(AK, SK), algorithm.clone());
    let results = call_every_dcs_operation(&right).await;
    let answers: Vec<String> = results
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{algorithm}: {e}")))
        .collect();
    assert_eq!(
        answers,
        ["job-shard", "job-swap", "204 No Content", "SUCCESS"]
    );
    for mock in &operations {
        mock.assert_calls(1);
    }
    fallback.assert_calls(0);

    let wrong = dcs(&server, Credentials::aksk(AK, WRONG_SK), algorithm.clone());
    for result in call_every_dcs_operation(&wrong).await {
        assert_unauthorized(result.expect_err("signed with the wrong SK"));
    }
    for mock in &operations {
        mock.assert_calls(1);
    }
    fallback.assert_calls(4);
}

#[tokio::test]
async fn dcs_every_operation_signed_with_sdk_hmac_sha256() {
    dcs_round_trip(Algorithm::SdkHmacSha256).await;
}

#[tokio::test]
async fn dcs_every_operation_signed_with_sdk_hmac_sm3() {
    dcs_round_trip(Algorithm::SdkHmacSm3).await;
}

#[tokio::test]
async fn dcs_every_operation_signed_with_the_derived_v11_algorithm() {
    dcs_round_trip(Algorithm::derived("cn-north-4", "dcs")).await;
}

#[tokio::test]
async fn drs_switch_vip_with_a_signed_json_body() {
    use hwcloud_drs::mock::MockServerExt;
    use hwcloud_drs::types::{SwitchVipRequestBody, SwitchVipStatus, SwitchoverMode};
    let server = MockServer::start_async().await;
    let body = SwitchVipRequestBody {
        mode: SwitchoverMode::Target,
    };
    let operation = server.switch_vip(|when, then| {
        let when = when.project_id(PROJECT_ID).job_id(JOB_ID).body(&body);
        well_formed(when.into_inner(), &server)
            .header("content-type", "application/json")
            .is_true(signed_with(
                Algorithm::SdkHmacSha256,
                &["host", "x-sdk-date", "x-project-id", "content-type"],
            ));
        then.into_inner()
            .status(202)
            .json_body(json!({"id": JOB_ID, "status": "success"}));
    });
    let fallback = gateway(&server, Algorithm::SdkHmacSha256);
    let client = |sk: &str| {
        at(hwcloud_drs::Client::builder(), &server)
            .credentials(Credentials::aksk(AK, sk))
            .build()
            .expect("client builds")
    };

    let outcome = client(SK)
        .switch_vip()
        .job_id(JOB_ID)
        .body(body.clone())
        .send()
        .await
        .expect("signed with the right SK");
    assert_eq!(outcome.id, JOB_ID);
    assert_eq!(outcome.status, SwitchVipStatus::Success);
    operation.assert_calls(1);

    let err = client(WRONG_SK)
        .switch_vip()
        .job_id(JOB_ID)
        .body(body)
        .send()
        .await
        .map(|r| r.into_inner())
        .expect_err("signed with the wrong SK");
    assert_unauthorized(err);
    operation.assert_calls(1);
    fallback.assert_calls(1);
}

#[tokio::test]
async fn css_upgrade_detail_with_a_signed_query() {
    use hwcloud_css::mock::MockServerExt;
    use hwcloud_css::types::ActionMode;
    const CLUSTER_ID: &str = "4f3deec3-efa8-4598-bf91-560aad1377a3";
    let server = MockServer::start_async().await;
    let operation = server.upgrade_detail(|when, then| {
        let when = when.project_id(PROJECT_ID).cluster_id(CLUSTER_ID);
        well_formed(when.into_inner(), &server)
            .query_param("action_mode", "AZ_MIGRATION")
            .query_param("start", "2")
            .query_param("limit", "5")
            .is_true(signed_with(
                Algorithm::SdkHmacSha256,
                &["host", "x-sdk-date", "x-project-id"],
            ));
        then.into_inner()
            .status(200)
            .json_body(json!({"totalSize": 0, "detailList": []}));
    });
    let fallback = gateway(&server, Algorithm::SdkHmacSha256);
    let client = |sk: &str| {
        at(hwcloud_css::Client::builder(), &server)
            .credentials(Credentials::aksk(AK, sk))
            .build()
            .expect("client builds")
    };
    let call = |client: hwcloud_css::Client| async move {
        client
            .upgrade_detail()
            .cluster_id(CLUSTER_ID)
            .action_mode(ActionMode::AzMigration)
            .start(2)
            .limit(5)
            .send()
            .await
            .map(|r| r.into_inner())
    };

    let detail = call(client(SK)).await.expect("signed with the right SK");
    assert_eq!(detail.total_size, Some(0));
    operation.assert_calls(1);

    assert_unauthorized(call(client(WRONG_SK)).await.expect_err("wrong SK"));
    operation.assert_calls(1);
    fallback.assert_calls(1);
}

#[tokio::test]
async fn temporary_credentials_send_and_sign_the_security_token() {
    use hwcloud_dcs::mock::MockServerExt;
    let server = MockServer::start_async().await;
    let operation = server.show_job_info(|when, then| {
        let when = when.job_id(JOB_ID);
        well_formed(when.into_inner(), &server)
            .header("x-security-token", SECURITY_TOKEN)
            .is_true(signed_with(
                Algorithm::SdkHmacSha256,
                &["host", "x-sdk-date", "x-project-id", "x-security-token"],
            ));
        then.into_inner()
            .status(200)
            .json_body(json!({"job_id": JOB_ID, "status": "RUNNING"}));
    });
    let fallback = gateway(&server, Algorithm::SdkHmacSha256);
    let call = |sk: &str| {
        let client = dcs(
            &server,
            Credentials::temporary(AK, sk, SECURITY_TOKEN),
            Algorithm::SdkHmacSha256,
        );
        async move { show_job(&client).await }
    };
    let job = call(SK).await.expect("signed with the right SK");
    assert_eq!(job.job_id, JOB_ID);
    operation.assert_calls(1);

    assert_unauthorized(call(WRONG_SK).await.expect_err("wrong SK"));
    fallback.assert_calls(1);
}

#[tokio::test]
async fn an_iam_token_is_sent_as_x_auth_token_without_a_signature() {
    use hwcloud_dcs::mock::MockServerExt;
    let server = MockServer::start_async().await;
    let operation = server.change_master_standby_async(|when, then| {
        when.project_id(PROJECT_ID)
            .instance_id(INSTANCE_ID)
            .into_inner()
            .header("x-auth-token", IAM_TOKEN)
            .header("x-project-id", PROJECT_ID)
            .header_missing("authorization")
            .header_missing("x-sdk-date")
            .header_missing("api-version");
        then.into_inner()
            .status(200)
            .json_body(json!({"job_id": "job-token"}));
    });
    let client = at(hwcloud_dcs::Client::builder(), &server)
        .credentials(Credentials::iam_token(IAM_TOKEN))
        .build()
        .expect("client builds");
    let job = client
        .change_master_standby_async()
        .instance_id(INSTANCE_ID)
        .send()
        .await
        .expect("token accepted");
    assert_eq!(job.job_id, "job-token");
    operation.assert_calls(1);
}

#[tokio::test]
async fn the_verifier_in_the_mock_is_not_a_rubber_stamp() {
    // The same request, unsigned: the gateway mock must refuse it, or the tests above prove nothing.
    use hwcloud_dcs::mock::MockServerExt;
    let server = MockServer::start_async().await;
    let operation = server.show_job_info(|when, then| {
        when.into_inner()
            .is_true(signed_with(Algorithm::SdkHmacSha256, &[]));
        then.into_inner()
            .status(200)
            .json_body(json!({"job_id": JOB_ID, "status": "RUNNING"}));
    });
    let fallback = gateway(&server, Algorithm::SdkHmacSha256);
    let unsigned = at(hwcloud_dcs::Client::builder(), &server)
        .build()
        .expect("client builds");
    assert_unauthorized(show_job(&unsigned).await.expect_err("not signed"));
    // Signed with another algorithm than the one the mock expects: refused too.
    let sm3 = dcs(&server, Credentials::aksk(AK, SK), Algorithm::SdkHmacSm3);
    assert_unauthorized(show_job(&sm3).await.expect_err("another algorithm"));
    operation.assert_calls(0);
    fallback.assert_calls(2);
}
