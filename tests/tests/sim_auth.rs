//! The simulator authenticates like the API gateway: every signing algorithm, temporary AK/SK and
//! IAM tokens are accepted on every service; a wrong key, a clock 16 minutes off (which the client
//! then corrects once), a wrong project,
//! a tampered body, a missing or wrong security token are refused with the gateway's 401/403, which
//! the client reports as typed `Service` errors.

mod sim_support;

use std::time::{Duration, SystemTime};

use hwcloud_core::signing::{FixedClock, Payload, RequestTarget, SigningConfig, sign_headers};
use hwcloud_core::{AkSk, Algorithm, Credentials, Error, ErrorKind};
use hwcloud_drs::types::SwitchoverMode;
use hwcloud_sim::{Fault, FaultKind, SimHandle};
use hwcloud_tests::clients::{answer_of, error_of};
use sim_support::*;

fn assert_refused(err: &Error, status: u16, code: &str, words: &[&str]) {
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err:?}");
    let service = err.service_error().expect("a service error");
    assert_eq!(service.error_code.as_deref(), Some(code), "{err:?}");
    let msg = service.error_msg.as_deref().unwrap_or_default();
    for word in words {
        assert!(msg.contains(word), "{word:?} not in {msg:?}");
    }
    assert!(service.request_id.is_some(), "{err:?}");
}

/// Calls one read operation of every service with `auth`; the first error, if any.
async fn read_everything(sim: &SimHandle, auth: &Auth, job_id: &str) -> Result<(), Error> {
    let info = sim.info();
    dcs(sim, auth).show_job_info().job_id(job_id).send().await?;
    drs(sim, auth)
        .show_switch_vip_status()
        .job_id(info.drs.job_id.as_deref().unwrap())
        .send()
        .await?;
    css(sim, auth)
        .upgrade_detail()
        .cluster_id(info.css.upgrading_cluster_id.as_deref().unwrap())
        .send()
        .await?;
    Ok(())
}

/// Starts one DCS job and one DRS switchover, so that every read has something to report.
async fn something_to_read(sim: &SimHandle) -> String {
    let job = sim.info().drs.job_id.clone().unwrap();
    start_vip_switch(&drs(sim, &sha256()), &job).await;
    start_swap(&dcs(sim, &sha256()), &master_standby(sim)).await
}

#[tokio::test]
async fn every_algorithm_temporary_credentials_and_iam_tokens_reach_every_service() {
    let sim = start().await;
    let job = something_to_read(&sim).await;
    for auth in Auth::all() {
        let before = sim.requests().len();
        read_everything(&sim, &auth, &job)
            .await
            .unwrap_or_else(|e| panic!("{auth:?}: {e:?}"));
        let requests = sim.requests();
        let principals: Vec<_> = requests[before..]
            .iter()
            .map(|r| r.principal.clone().unwrap_or_default())
            .collect();
        let expected = match &auth {
            Auth::AkSk(algorithm) => format!("{algorithm} {}", sim.info().ak),
            Auth::Temporary => format!(
                "SDK-HMAC-SHA256 {}",
                sim.info().temporary.as_ref().unwrap().ak
            ),
            Auth::Iam => "IAM token".to_owned(),
        };
        assert_eq!(principals, [expected.as_str(); 3], "{auth:?}");
        // Secrets never reach the request log.
        for record in &requests[before..] {
            for (name, value) in &record.headers {
                if name == "x-auth-token" || name == "x-security-token" {
                    assert_eq!(value, "[REDACTED]");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_wrong_or_unknown_key_is_refused_with_401() {
    let sim = start().await;
    let job = something_to_read(&sim).await;
    let info = sim.info().clone();
    let wrong_sk = Credentials::aksk(&info.ak, format!("{}x", info.sk));
    let unknown_ak = Credentials::aksk("HWSIMUNKNOWN00000001", &info.sk);
    for (credentials, words) in [
        (wrong_sk, &["signature mismatch"][..]),
        (unknown_ak, &["unknown access key"][..]),
    ] {
        let client = configure(hwcloud_dcs::Client::builder(), &sim, &sha256())
            .credentials(credentials.clone())
            .build()
            .unwrap();
        let err = error_of(client.show_job_info().job_id(&job).send()).await;
        assert_refused(&err, 401, "APIGW.0301", words);
        let client = configure(hwcloud_css::Client::builder(), &sim, &sha256())
            .credentials(credentials)
            .build()
            .unwrap();
        let err = error_of(
            client
                .upgrade_detail()
                .cluster_id(info.css.upgrading_cluster_id.as_deref().unwrap())
                .send(),
        )
        .await;
        assert_refused(&err, 401, "APIGW.0301", words);
    }
    // Without any credentials.
    let anonymous = hwcloud_dcs::Client::builder()
        .endpoint(sim.endpoint())
        .project_id(&info.project_id)
        .build()
        .unwrap();
    let err = error_of(anonymous.show_job_info().job_id(&job).send()).await;
    assert_refused(&err, 401, "APIGW.0301", &["neither"]);
    // An IAM token the gateway does not know.
    let client = configure(hwcloud_dcs::Client::builder(), &sim, &Auth::Iam)
        .credentials(Credentials::iam_token("not-a-token"))
        .build()
        .unwrap();
    let err = error_of(client.show_job_info().job_id(&job).send()).await;
    assert_refused(&err, 401, "APIGW.0301", &["token"]);
}

/// A clock 16 minutes off is refused (the client then corrects its signing clock by the answer's
/// `Date` and sends once more, so the call succeeds after one refusal); 14 minutes is accepted at
/// once.
#[tokio::test]
async fn a_clock_16_minutes_off_is_refused_and_14_minutes_is_not() {
    let sim = start().await;
    let job = something_to_read(&sim).await;
    let now = SystemTime::now();
    let minutes = |m: u64| Duration::from_secs(60 * m);
    for (at, accepted) in [
        (now - minutes(16), false),
        (now + minutes(16), false),
        (now - minutes(14), true),
        (now + minutes(14), true),
    ] {
        let client = configure(hwcloud_dcs::Client::builder(), &sim, &sha256())
            .clock(FixedClock::new(at))
            .build()
            .unwrap();
        let trace = hwcloud_tests::trace::Capture::start();
        let before = sim.requests_of("ShowJobInfo").len();
        let outcome = client.show_job_info().job_id(&job).send().await;
        assert!(
            outcome.is_ok(),
            "{at:?}: {:?}",
            outcome.map(|r| r.into_inner())
        );
        let corrected = trace
            .entries()
            .iter()
            .any(|e| e.what.starts_with("event WARN") && e.field("offset_secs").is_some());
        assert_eq!(
            corrected, !accepted,
            "{at:?}: refused and corrected only when 16 minutes off"
        );
        // What the simulated gateway answered: the 401, then the corrected request.
        let statuses: Vec<_> = sim.requests_of("ShowJobInfo")[before..]
            .iter()
            .map(|r| r.status)
            .collect();
        let expected: &[Option<u16>] = if accepted {
            &[Some(200)]
        } else {
            &[Some(401), Some(200)]
        };
        assert_eq!(statuses, expected, "{at:?}");
    }
}

/// The gateway's own answer to a signature 16 minutes old, as any client gets it: 401, with the
/// reason and the gateway's time in `Date`.
#[tokio::test]
async fn a_signature_16_minutes_old_gets_the_gateways_401() {
    let sim = start().await;
    let info = sim.info();
    let path = format!("/v2/{}/jobs/x", info.project_id);
    let host = info.endpoint.trim_start_matches("http://").to_owned();
    for minutes in [-16i64, 16] {
        let at = if minutes < 0 {
            SystemTime::now() - Duration::from_secs(16 * 60)
        } else {
            SystemTime::now() + Duration::from_secs(16 * 60)
        };
        let mut headers = Vec::new();
        sign_headers(
            &RequestTarget::new("GET", &host, &path, &[]),
            &mut headers,
            Payload::Bytes(b""),
            &AkSk::new(&info.ak, &info.sk),
            &SigningConfig::new().with_project_id(&info.project_id),
            &FixedClock::new(at),
        )
        .unwrap();
        let mut request = raw().get(format!("{}{path}", info.endpoint));
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 401, "{minutes} min");
        assert!(response.headers().contains_key("date"));
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error_code"], "APIGW.0301");
        let message = body["error_msg"].as_str().unwrap();
        assert!(
            message.contains("X-Sdk-Date") && message.contains("900 s"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn the_project_in_the_path_must_be_the_credentials_project() {
    let sim = start().await;
    let job = something_to_read(&sim).await;
    for auth in Auth::all() {
        // Configured for another project...
        let client = configure(hwcloud_dcs::Client::builder(), &sim, &auth)
            .project_id("0123456789abcdef0123456789abcdef")
            .build()
            .unwrap();
        let err = error_of(client.show_job_info().job_id(&job).send()).await;
        assert_refused(
            &err,
            403,
            "APIGW.0302",
            &["0123456789abcdef0123456789abcdef"],
        );
        // ...or overriding it for one call.
        let err = error_of(
            dcs(&sim, &auth)
                .show_job_info()
                .project_id("0123456789abcdef0123456789abcdef")
                .job_id(&job)
                .send(),
        )
        .await;
        assert_refused(&err, 403, "APIGW.0302", &["path"]);
    }
    assert_eq!(sim.performed("ChangeMasterStandbyAsync"), 1);
}

#[tokio::test]
async fn a_body_tampered_with_in_flight_is_refused_and_nothing_is_performed() {
    let sim = start().await;
    let job = sim.info().drs.job_id.clone().unwrap();
    sim.inject(Fault::new(FaultKind::TamperBody).on("SwitchVip"))
        .unwrap();
    for algorithm in [
        Algorithm::SdkHmacSha256,
        Algorithm::SdkHmacSm3,
        Algorithm::derived("eu-de", "drs"),
    ] {
        let err = error_of(
            drs(&sim, &Auth::AkSk(algorithm.clone()))
                .switch_vip()
                .job_id(&job)
                .body(vip_body(SwitchoverMode::Source))
                .send(),
        )
        .await;
        assert_refused(&err, 401, "APIGW.0301", &[]);
        sim.inject(Fault::new(FaultKind::TamperBody).on("SwitchVip"))
            .unwrap();
    }
    sim.clear_faults();
    assert_eq!(sim.performed("SwitchVip"), 0);

    // The same by hand: signed, then the body changed.
    let info = sim.info();
    let url = format!(
        "{}/v3/{}/jobs/{job}/switch-vip",
        info.endpoint, info.project_id
    );
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let path = format!("/v3/{}/jobs/{job}/switch-vip", info.project_id);
    let body = br#"{"mode":"source"}"#;
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    sign_headers(
        &RequestTarget::new("POST", &host, &path, &[]),
        &mut headers,
        Payload::Bytes(body),
        &AkSk::new(&info.ak, &info.sk),
        &SigningConfig::new().with_project_id(&info.project_id),
        &hwcloud_core::signing::SystemClock,
    )
    .unwrap();
    let send = |body: &'static [u8]| {
        let mut request = raw().post(&url).body(body);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        request.send()
    };
    let tampered = send(br#"{"mode":"target"}"#).await.unwrap();
    assert_eq!(tampered.status().as_u16(), 401);
    let answer: serde_json::Value = tampered.json().await.unwrap();
    assert_eq!(answer["error_code"], "APIGW.0301");
    assert_eq!(sim.performed("SwitchVip"), 0);
    let intact = send(body).await.unwrap();
    assert_eq!(intact.status().as_u16(), 202);
    assert_eq!(sim.performed("SwitchVip"), 1);
}

#[tokio::test]
async fn temporary_credentials_need_their_security_token_and_permanent_ones_none() {
    let sim = start().await;
    let job = something_to_read(&sim).await;
    let info = sim.info().clone();
    let temporary = info.temporary.clone().unwrap();
    for (credentials, words) in [
        (
            Credentials::aksk(&temporary.ak, &temporary.sk),
            "security token",
        ),
        (
            Credentials::temporary(&temporary.ak, &temporary.sk, "a-stale-token"),
            "security token",
        ),
        (
            Credentials::temporary(&info.ak, &info.sk, &temporary.security_token),
            "permanent",
        ),
    ] {
        let client = configure(hwcloud_dcs::Client::builder(), &sim, &sha256())
            .credentials(credentials)
            .build()
            .unwrap();
        let err = error_of(client.show_job_info().job_id(&job).send()).await;
        assert_refused(&err, 401, "APIGW.0301", &[words]);
    }
}

#[tokio::test]
async fn any_correctly_signed_request_is_accepted_whatever_signed_it() {
    // Signed by hand the way another SDK may send it: query parameters in their own order (the
    // signature covers the canonical order), header names in mixed case, an extra signed header
    // and an unsigned one with `_`.
    let sim = start().await;
    let info = sim.info();
    let cluster = info.css.upgrading_cluster_id.clone().unwrap();
    let path = format!(
        "/v1.0/{}/clusters/{cluster}/upgrade/detail",
        info.project_id
    );
    let host = info.endpoint.trim_start_matches("http://").to_owned();
    for algorithm in [
        Algorithm::SdkHmacSha256,
        Algorithm::SdkHmacSm3,
        Algorithm::derived("cn-north-4", "css"),
    ] {
        let mut headers = vec![
            ("X-Custom-Header".to_owned(), "  spaced  value ".to_owned()),
            ("x_unsigned".to_owned(), "anything".to_owned()),
            (
                "Content-Type".to_owned(),
                "application/json;charset=UTF-8".to_owned(),
            ),
        ];
        let query = [
            ("offset".to_owned(), "1".to_owned()),
            ("limit".to_owned(), "1".to_owned()),
        ];
        sign_headers(
            &RequestTarget::new("GET", &host, &path, &query),
            &mut headers,
            Payload::Bytes(b""),
            &AkSk::new(&info.ak, &info.sk),
            &SigningConfig::new().with_algorithm(algorithm.clone()),
            &hwcloud_core::signing::SystemClock,
        )
        .unwrap();
        let mut request = raw().get(format!("{}{path}?offset=1&limit=1", info.endpoint));
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(
            response.status().as_u16(),
            200,
            "{algorithm}: {:?}",
            response.text().await
        );
    }
}

#[tokio::test]
async fn unchanged_code_reaches_the_simulator_through_the_sdk_environment_variables() {
    // Code written for a region, pointed at the simulator by the official SDKs' variables alone.
    let sim = start().await;
    let info = sim.info().clone();
    let env: std::collections::HashMap<&str, String> = [
        ("HUAWEICLOUD_SDK_AK", info.ak.clone()),
        ("HUAWEICLOUD_SDK_SK", info.sk.clone()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", info.project_id.clone()),
        (
            "HUAWEICLOUD_SDK_REGION_CSS_CN_NORTH_4",
            info.endpoint.clone(),
        ),
    ]
    .into_iter()
    .collect();
    let lookup = move |name: &str| env.get(name).cloned();
    let css = hwcloud_css::Client::builder()
        .region(hwcloud_core::Region::huawei_cloud("cn-north-4"))
        .credentials(Credentials::from_env_with(lookup.clone()).unwrap())
        .env_lookup(lookup)
        .build()
        .unwrap();
    let detail = answer_of(
        css.upgrade_detail()
            .cluster_id(info.css.upgrading_cluster_id.as_deref().unwrap())
            .send(),
    )
    .await;
    assert_eq!(detail.total_size, Some(2));
}
