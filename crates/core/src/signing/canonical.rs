//! The canonical-request building blocks, each as the official SDK's `Signer` computes it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::SigningError;

/// Every byte but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`): Python's
/// `urllib.parse.quote(s, safe='~')`, which the SDK uses for path segments, query keys and values.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[cfg(any(test, feature = "vectors"))]
/// Percent-encodes `s` (UTF-8) keeping only RFC 3986 unreserved characters; hex digits upper-case.
pub(crate) fn encode_component(s: &str) -> String {
    if s.bytes().all(is_unreserved) {
        return s.to_owned();
    }
    utf8_percent_encode(s, RFC3986).to_string()
}

/// Whether `b` is an RFC 3986 unreserved character (letters, digits, `-._~`), which no encoding
/// touches.
pub(crate) fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// The canonical URI of a request path as sent (percent-encoded).
///
/// The path is percent-decoded (invalid UTF-8 replaced by U+FFFD, a `+` stays a `+`), split on `/`,
/// each segment re-encoded with [`encode_component`], re-joined with `/`, and a `/` appended when the
/// result does not end with one. So an encoded `%2F` inside a segment becomes a separator, as in the SDK.
pub(crate) fn canonical_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len() + 1);
    push_canonical_uri(&mut uri, path);
    uri
}

/// Appends the [`canonical_uri`] of `path` to `out`.
pub(crate) fn push_canonical_uri(out: &mut String, path: &str) {
    // The common case, a path of unreserved characters and `/`, is its own canonical form.
    if path.bytes().all(|b| b == b'/' || is_unreserved(b)) {
        out.push_str(path);
        if !path.ends_with('/') {
            out.push('/');
        }
        return;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let start = out.len();
    for (i, segment) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_encoded(out, segment);
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// Appends [`encode_component`] of `s` to `out`.
fn push_encoded(out: &mut String, s: &str) {
    if s.bytes().all(is_unreserved) {
        out.push_str(s);
    } else {
        out.extend(utf8_percent_encode(s, RFC3986));
    }
}

/// Checks that a percent-encoded path or query decodes to UTF-8. The canonical request replaces
/// bytes that are not UTF-8 by U+FFFD (as the official SDK's `unquote` does), so two requests that
/// differ only there (`%FF` and `%FE`) would share one signature: such a request is neither signed
/// nor accepted. A generated client never sends one (its path and query values are text).
pub(crate) fn check_utf8_escapes(part: &'static str, text: &str) -> Result<(), SigningError> {
    if !text.contains('%') || percent_decode_str(text).decode_utf8().is_ok() {
        Ok(())
    } else {
        Err(SigningError::NotUtf8 { part })
    }
}

/// The canonical query string of decoded query pairs: pairs sorted by raw (decoded) key, then raw
/// value, each side encoded with [`encode_component`], `key=value` joined with `&`. A pair with an
/// empty value gives `key=`. This is also exactly the query string the request is sent with.
pub(crate) fn canonical_query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    push_canonical_query(&mut out, pairs);
    out
}

/// Appends [`canonical_query_string`] of `pairs` to `out`.
pub(crate) fn push_canonical_query<K: AsRef<str>, V: AsRef<str>>(
    out: &mut String,
    pairs: &[(K, V)],
) {
    if pairs.is_empty() {
        return;
    }
    let mut sorted: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    sorted.sort_unstable();
    let raw_len: usize = sorted.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    out.reserve(raw_len);
    for (i, (k, v)) in sorted.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push_encoded(out, k);
        out.push('=');
        push_encoded(out, v);
    }
}

#[cfg(test)]
/// The names of the headers that are signed: every header whose name contains no `_`, lower-cased,
/// sorted, without duplicates.
pub(crate) fn signed_headers<V>(headers: &[(String, V)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .map(|(name, _)| name)
        .filter(|name| !name.contains('_'))
        .map(|name| name.to_ascii_lowercase())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The canonical headers block for `signed` (lower-case names): `name:value` lines in that order,
/// values trimmed, each followed by `\n` (an empty list gives a single `\n`, as the SDK's
/// `'\n'.join(...) + '\n'`).
pub(crate) fn canonical_headers(
    headers: &[(String, String)],
    signed: &[String],
) -> Result<String, SigningError> {
    let mut lines = Vec::with_capacity(signed.len());
    for name in signed {
        let value = header_value(headers, name)
            .ok_or_else(|| SigningError::MissingSignedHeader { name: name.clone() })?;
        lines.push((name.as_str(), value));
    }
    let mut out = String::new();
    push_header_lines(&mut out, &lines);
    Ok(out)
}

/// Appends the canonical headers block of `lines` (lower-case names, sorted): `name:value` lines,
/// values trimmed, each followed by `\n`; an empty list gives a single `\n`.
pub(crate) fn push_header_lines<N: AsRef<str>>(out: &mut String, lines: &[(N, &str)]) {
    for (name, value) in lines {
        out.push_str(name.as_ref());
        out.push(':');
        out.push_str(trim(value));
        out.push('\n');
    }
    if lines.is_empty() {
        out.push('\n');
    }
}

/// The value of the header `name` (compared case-insensitively), if present.
pub(crate) fn header_value<'h, N: AsRef<str>, V: AsRef<str>>(
    headers: &'h [(N, V)],
    name: &str,
) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
}

/// Python's `str.strip()`: trims Unicode white space and the separators U+001C..U+001F.
pub(crate) fn trim(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Decodes a URL query into pairs as `application/x-www-form-urlencoded` (a `+` is a space), the way
/// `reqwest`'s `query()` encodes them.
pub(crate) fn decode_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_python_quote_safe_tilde() {
        assert_eq!(
            encode_component("a b+c/d=e&f~g*h"),
            "a%20b%2Bc%2Fd%3De%26f~g%2Ah"
        );
        assert_eq!(encode_component("x;y,z:!'()"), "x%3By%2Cz%3A%21%27%28%29");
        assert_eq!(encode_component("中文"), "%E4%B8%AD%E6%96%87");
        assert_eq!(encode_component("a.b-c_d~e"), "a.b-c_d~e");
    }

    #[test]
    fn canonical_uri_rules() {
        assert_eq!(canonical_uri("/v2/p/jobs"), "/v2/p/jobs/");
        assert_eq!(canonical_uri("/v2/p/jobs/"), "/v2/p/jobs/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(
            canonical_uri("/i/abc%20def/%E4%B8%AD%2Fx/a+b"),
            "/i/abc%20def/%E4%B8%AD/x/a%2Bb/"
        );
        assert_eq!(canonical_uri("/a/%7e%41"), "/a/~A/");
        assert_eq!(canonical_uri("/a/%zz"), "/a/%25zz/");
    }

    #[test]
    fn canonical_query_sorts_by_raw_key_then_value() {
        let pairs = [
            ("b", "2"),
            ("a", "z"),
            ("a", "b"),
            ("Z", ""),
            ("a b", "x y"),
        ];
        assert_eq!(canonical_query_string(&pairs), "Z=&a=b&a=z&a%20b=x%20y&b=2");
        assert_eq!(canonical_query_string::<&str, &str>(&[]), "");
    }

    #[test]
    fn signed_headers_skip_underscores_and_sort() {
        let headers = vec![
            ("X-B".to_string(), String::new()),
            ("x_under".to_string(), String::new()),
            ("Host".to_string(), String::new()),
            ("a".to_string(), String::new()),
        ];
        assert_eq!(signed_headers(&headers), ["a", "host", "x-b"]);
    }

    #[test]
    fn canonical_headers_trim_values() {
        let headers = vec![
            ("X-A".to_string(), "  a  b \t".to_string()),
            ("Host".to_string(), "h".to_string()),
        ];
        let signed = signed_headers(&headers);
        assert_eq!(
            canonical_headers(&headers, &signed).unwrap(),
            "host:h\nx-a:a  b\n"
        );
        assert_eq!(canonical_headers(&headers, &[]).unwrap(), "\n");
        assert!(matches!(
            canonical_headers(&headers, &["x-missing".to_string()]),
            Err(SigningError::MissingSignedHeader { .. })
        ));
    }

    #[test]
    fn decodes_form_encoded_queries() {
        assert_eq!(
            decode_query(Some("a=b+c&d=%2B&e&=f")),
            [
                ("a".to_string(), "b c".to_string()),
                ("d".to_string(), "+".to_string()),
                ("e".to_string(), String::new()),
                (String::new(), "f".to_string()),
            ]
        );
        assert!(decode_query(None).is_empty());
        assert!(decode_query(Some("")).is_empty());
    }
}
