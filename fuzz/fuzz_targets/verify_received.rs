//! Any request as a server may receive it: the verifier never panics.
#![no_main]

use hwcloud_core::Verifier;
use hwcloud_core::signing::ReceivedRequest;
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let method = lines.next().unwrap_or_default();
    let target = lines.next().unwrap_or_default();
    let Ok(url) = reqwest::Url::parse(&format!("https://dcs.example.com/{target}")) else {
        return;
    };
    let mut headers = Vec::new();
    let mut body = Vec::new();
    for line in lines.by_ref() {
        match line.split_once(':') {
            Some((n, v)) => headers.push((n.to_owned(), v.to_owned())),
            None => {
                body.extend_from_slice(line.as_bytes());
                break;
            }
        }
    }
    let received = ReceivedRequest::new(method, &url, &headers, &body);
    let _ = Verifier::new().verify(&received, &SecretString::from("SK".to_owned()));
});
