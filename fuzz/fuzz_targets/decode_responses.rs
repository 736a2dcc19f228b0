//! Any bytes as the body of every operation's success and error answers: decoding never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn decode<T: serde::de::DeserializeOwned>(data: &[u8]) {
    let _ = serde_json::from_slice::<T>(data);
}

fuzz_target!(|data: &[u8]| {
    decode::<hwcloud_dcs::types::ExecuteClusterSwitchoverResponse>(data);
    decode::<hwcloud_dcs::types::ChangeMasterStandbyAsyncResponse>(data);
    decode::<hwcloud_dcs::types::ShowJobInfoResponse>(data);
    decode::<hwcloud_dcs::types::ErrorResponse>(data);
    decode::<hwcloud_drs::types::SwitchVipResponse>(data);
    decode::<hwcloud_drs::types::ShowSwitchVipStatusResponse>(data);
    decode::<hwcloud_drs::types::ErrorResponse>(data);
    decode::<hwcloud_css::types::UpgradeDetailResponse>(data);
    decode::<hwcloud_css::types::ErrorResponse>(data);
});
