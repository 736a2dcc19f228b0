//! Where each service is: the endpoints come from each spec's `servers` (the crates' generated
//! `ENDPOINTS`), with the official SDK's region tables and exceptions; the core names no service.

use hwcloud_core::{EndpointError, Region, ServerTemplate};

fn endpoint(service: &str, servers: &[ServerTemplate], region: Region) -> String {
    region
        .endpoint_with_env(service, servers, |_| None)
        .unwrap_or_else(|e| panic!("{service}: {e}"))
        .to_string()
}

#[test]
fn huawei_cloud_endpoints_follow_the_pattern_and_the_sdk_exceptions() {
    let hw = Region::huawei_cloud;
    assert_eq!(
        endpoint("dcs", hwcloud_dcs::ENDPOINTS, hw("cn-north-4")),
        "https://dcs.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(
        endpoint("css", hwcloud_css::ENDPOINTS, hw("ap-southeast-1")),
        "https://css.ap-southeast-1.myhuaweicloud.com"
    );
    // CSS in cn-north-1 and cn-east-2 is `es.`; DRS in eu-west-101 is on myhuaweicloud.eu.
    for region in ["cn-north-1", "cn-east-2"] {
        assert_eq!(
            endpoint("css", hwcloud_css::ENDPOINTS, hw(region)),
            format!("https://es.{region}.myhuaweicloud.com")
        );
        assert_eq!(
            endpoint("dcs", hwcloud_dcs::ENDPOINTS, hw(region)),
            format!("https://dcs.{region}.myhuaweicloud.com")
        );
    }
    assert_eq!(
        endpoint("drs", hwcloud_drs::ENDPOINTS, hw("eu-west-101")),
        "https://drs.eu-west-101.myhuaweicloud.eu"
    );
    // As in the official SDK's tables: DCS and CSS keep myhuaweicloud.com there.
    assert_eq!(
        endpoint("dcs", hwcloud_dcs::ENDPOINTS, hw("eu-west-101")),
        "https://dcs.eu-west-101.myhuaweicloud.com"
    );
}

#[test]
fn open_telekom_cloud_endpoints() {
    for region in ["eu-de", "eu-nl"] {
        for (service, servers) in [
            ("dcs", hwcloud_dcs::ENDPOINTS),
            ("drs", hwcloud_drs::ENDPOINTS),
            ("css", hwcloud_css::ENDPOINTS),
        ] {
            assert_eq!(
                endpoint(service, servers, Region::open_telekom_cloud(region)),
                format!("https://{service}.{region}.otc.t-systems.com")
            );
        }
    }
}

#[test]
fn each_service_has_its_own_regions() {
    // CSS has no eu-west-0 (nor ru-northwest-2); DCS and DRS do.
    let err = Region::huawei_cloud("eu-west-0")
        .endpoint_with_env("css", hwcloud_css::ENDPOINTS, |_| None)
        .unwrap_err();
    assert!(matches!(err, EndpointError::UnknownRegion { .. }), "{err}");
    assert!(!err.to_string().contains("eu-west-0,"), "{err}");
    for servers in [hwcloud_dcs::ENDPOINTS, hwcloud_drs::ENDPOINTS] {
        assert!(
            Region::huawei_cloud("eu-west-0")
                .endpoint_with_env("dcs", servers, |_| None)
                .is_ok()
        );
    }
    for servers in [
        hwcloud_dcs::ENDPOINTS,
        hwcloud_drs::ENDPOINTS,
        hwcloud_css::ENDPOINTS,
    ] {
        for server in servers {
            assert!(server.regions.windows(2).all(|w| w[0] < w[1]), "{server:?}");
        }
    }
}

#[test]
fn a_client_built_for_a_region_sends_there() {
    let err = hwcloud_css::Client::builder()
        .region(Region::huawei_cloud("xx-nowhere-1"))
        .build()
        .map(drop)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("HUAWEICLOUD_SDK_REGION_CSS_XX_NOWHERE_1"),
        "{err}"
    );
    let css = hwcloud_css::Client::builder()
        .region(Region::huawei_cloud("cn-north-1"))
        .build()
        .expect("builds");
    use progenitor_client::ClientInfo;
    assert_eq!(css.baseurl(), "https://es.cn-north-1.myhuaweicloud.com");
}

/// The core knows no service: its code (comments aside) names none of them, so a new service is
/// its spec and its crate, nothing in the core.
#[test]
fn the_core_names_no_service() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &hwcloud_tests::workspace_root().join("crates/core/src"),
        &mut files,
    );
    assert!(files.len() > 5, "{files:?}");
    let services = [
        "dcs",
        "drs",
        "css",
        "redis",
        "cache",
        "replication",
        "search",
    ];
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            // Unit tests may use any name; comments and docs may mention services as examples.
            if code.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || code.starts_with("//") {
                continue;
            }
            let lower = code.to_ascii_lowercase();
            for service in services {
                let named = lower.match_indices(service).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + service.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric())
                        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
                });
                if named {
                    found.push(format!("{}:{}: {line}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core names a service:\n{}",
        found.join("\n")
    );
}
