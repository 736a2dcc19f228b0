//! Correcting the signing clock from the API gateway's answer: when the gateway rejects an AK/SK
//! signature with 401 and its clock is more than [`DEFAULT_MAX_SKEW`] away from ours, the request
//! performed nothing, and signing with the gateway's time makes the next attempt go through.

use serde_json::Value;

use crate::answer::Answer;
use crate::context::Context;
use crate::error::error_fields;
use crate::signing::{Clock, DEFAULT_MAX_SKEW, parse_sdk_date};

/// Error codes the API gateway answers a rejected AK/SK signature with (`APIGW.0301`, "Incorrect
/// IAM authentication information: verify aksk signature fail", among whose causes is a clock more
/// than 15 minutes off) and an expired one (`APIG.0303`/`APIGW.0303`, "Incorrect app
/// authentication information: signature expired, signature time:..., server time:...").
const SIGNATURE_REJECTED: [&str; 4] = ["APIGW.0301", "APIG.0301", "APIGW.0303", "APIG.0303"];

/// The signing clock's new offset when `answer` (a 401) rejected the signature and the gateway's
/// clock (its `Date`, or the `server time:` its message names) is more than [`DEFAULT_MAX_SKEW`]
/// away from the signing clock.
pub(crate) fn correction(context: &Context, answer: &Answer) -> Option<i64> {
    let body: Value = serde_json::from_slice(&answer.body).ok()?;
    let (code, message) = error_fields(&body);
    let message = message.unwrap_or_default();
    let rejected = code.is_some_and(|c| SIGNATURE_REJECTED.contains(&c.as_str()))
        || message.contains("signature expired");
    if !rejected {
        return None;
    }
    let server = answer
        .headers
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
        .or_else(|| {
            let (_, rest) = message.split_once("server time:")?;
            parse_sdk_date(rest.trim_start().get(..16)?).ok()
        })?;
    let clock = context.signing_clock();
    let local = clock.now();
    let skew = match server.duration_since(local) {
        Ok(ahead) => i64::try_from(ahead.as_secs()).ok()?,
        Err(behind) => -i64::try_from(behind.duration().as_secs()).ok()?,
    };
    (skew.unsigned_abs() > DEFAULT_MAX_SKEW.as_secs()).then(|| clock.1.saturating_add(skew))
}

/// Corrects the client's signing clock to `offset`, for this call's next attempt and every later
/// call.
pub(crate) fn correct(context: &Context, offset: i64) {
    let previous = context.set_clock_offset(offset);
    tracing::warn!(
        offset_secs = offset,
        previous_offset_secs = previous,
        "the API gateway rejected the signature and its clock is {offset} s away from the local \
         clock; signing with the gateway's time and sending once more (nothing was performed)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use proptest::prelude::*;

    proptest! {
        /// Reading the gateway's clock from a rejection never panics on any body.
        #[test]
        fn any_rejection_body_is_read_without_panicking(body in prop::collection::vec(any::<u8>(), 0..600)) {
            let context = Context::new("dcs").with_credentials(Credentials::aksk("AK", "SK"));
            let answer = Answer {
                status: reqwest::StatusCode::UNAUTHORIZED,
                headers: reqwest::header::HeaderMap::new(),
                body: bytes::Bytes::from(body),
                complete: true,
                redirect_host: None,
                limit: 1024,
            };
            let _ = correction(&context, &answer);
        }
    }
}
