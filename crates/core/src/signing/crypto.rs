//! Hashes, HMACs and the V11 key derivation.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use sm3::Sm3;

/// The hash function family of an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HashKind {
    Sha256,
    Sm3,
}

/// The SHA-256 of an empty body, lower-case hex.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// The SM3 of an empty body, lower-case hex.
const EMPTY_SM3: &str = "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b";

/// Lower-case hex digest of an empty input: the usual payload hash, so it is not computed.
pub(crate) fn empty_hash_hex(kind: HashKind) -> &'static str {
    match kind {
        HashKind::Sha256 => EMPTY_SHA256,
        HashKind::Sm3 => EMPTY_SM3,
    }
}

/// Lower-case hex digest of `data`.
pub(crate) fn hash_hex(kind: HashKind, data: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    push_hash_hex(&mut out, kind, data);
    out
}

/// Appends the lower-case hex digest of `data` to `out`.
pub(crate) fn push_hash_hex(out: &mut String, kind: HashKind, data: &[u8]) {
    if data.is_empty() {
        out.push_str(empty_hash_hex(kind));
        return;
    }
    push_hex(out, &digest(kind, data));
}

/// The raw digest of `data` (both hash functions give 32 bytes).
pub(crate) fn digest(kind: HashKind, data: &[u8]) -> [u8; 32] {
    match kind {
        HashKind::Sha256 => Sha256::digest(data).into(),
        HashKind::Sm3 => Sm3::digest(data).into(),
    }
}

/// Appends the lower-case hex of a digest to `out`.
pub(crate) fn push_hex(out: &mut String, digest: &[u8; 32]) {
    let mut hex = [0u8; 64];
    hex::encode_to_slice(digest, &mut hex)
        .unwrap_or_else(|_| unreachable!("64 bytes hold the hex of 32"));
    out.push_str(
        std::str::from_utf8(&hex).unwrap_or_else(|_| unreachable!("hex digits are ASCII")),
    );
}

/// Raw HMAC of `data` keyed with `key` (both hash functions give 32 bytes).
pub(crate) fn hmac(kind: HashKind, key: &[u8], data: &[u8]) -> [u8; 32] {
    match kind {
        HashKind::Sha256 => {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
                .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        HashKind::Sm3 => {
            let mut mac = <Hmac<Sm3> as KeyInit>::new_from_slice(key)
                .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
    }
}

/// Whether `tag` is the HMAC of `data` keyed with `key`, compared in constant time.
pub(crate) fn hmac_verify(kind: HashKind, key: &[u8], data: &[u8], tag: &[u8]) -> bool {
    match kind {
        HashKind::Sha256 => match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(data);
                mac.verify_slice(tag).is_ok()
            }
            Err(_) => false,
        },
        HashKind::Sm3 => match <Hmac<Sm3> as KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(data);
                mac.verify_slice(tag).is_ok()
            }
            Err(_) => false,
        },
    }
}

/// The V11 signing key: lower-case hex of HKDF-SHA256 with salt = AK, input key material = SK,
/// `info` = `{yyyymmdd}/{region}/{service}`, 32 bytes of output (as `hkdf.get_der_key_sha256` of the
/// official SDK). The *hex string's bytes* are the HMAC key.
pub(crate) fn derive_v11_key(access_key: &str, secret_key: &str, info: &str) -> String {
    let hk = Hkdf::<Sha256>::new(Some(access_key.as_bytes()), secret_key.as_bytes());
    let mut okm = [0u8; 32];
    hk.expand(info.as_bytes(), &mut okm)
        .unwrap_or_else(|_| unreachable!("32 bytes is a valid HKDF-SHA256 output length"));
    hex::encode(okm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_hashes_match_the_sdk_constants() {
        // The shortcut for an empty body must give what hashing it gives.
        assert_eq!(
            hash_hex(HashKind::Sha256, b""),
            hex::encode(Sha256::digest(b""))
        );
        assert_eq!(hash_hex(HashKind::Sm3, b""), hex::encode(Sm3::digest(b"")));
        let all: Vec<u8> = (0..=255).collect();
        let mut hex = String::new();
        for digest in all.chunks_exact(32) {
            push_hex(&mut hex, digest.try_into().unwrap());
        }
        assert_eq!(hex, hex::encode(&all));
        assert_eq!(
            hash_hex(HashKind::Sha256, b"a"),
            hex::encode(Sha256::digest(b"a"))
        );
    }

    #[test]
    fn hmac_sha256_rfc4231_case_2() {
        let tag = hmac(HashKind::Sha256, b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(tag),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(hmac_verify(
            HashKind::Sha256,
            b"Jefe",
            b"what do ya want for nothing?",
            &tag
        ));
        assert!(!hmac_verify(
            HashKind::Sha256,
            b"Jefe",
            b"what do ya want for nothing!",
            &tag
        ));
    }
}
