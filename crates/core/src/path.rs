//! Path values: encoded as the official SDK sends them, and checked to keep the route their
//! template names.

use std::borrow::Cow;

use crate::operation::Operation;

/// What progenitor's `encode_path` percent-encodes in a path value (controls, space, `"#<>?`{}/%`),
/// and `+` and `=`, which the official SDK sends encoded (`quote(value, safe='')`): a gateway that
/// reads `+` in a path as a space, or canonicalises it differently, then sees what the SDK sends.
const PATH_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'+')
    .add(b'=');

/// A path value as the client sends it: progenitor's path encoding, and `+` and `=` encoded as the
/// official SDK encodes them. The generated builders and mock helpers encode path values with it.
#[doc(hidden)]
pub fn encode_path_value(value: &str) -> Cow<'_, str> {
    percent_encoding::utf8_percent_encode(value, PATH_VALUE).into()
}

/// Checks that the request's path still has the shape of its template: a path value that is
/// empty, blank, or `.`/`..` (which URL parsing folds away) would send the request to another
/// route. Runs before any I/O. Returns the (decoded) `{project_id}` of the path, if it has one.
pub(crate) fn check_path<'p>(
    op: &Operation,
    path: &'p str,
) -> Result<Option<Cow<'p, str>>, String> {
    let changed_route = |why: &str| {
        format!(
            "{}: a path value changed the route (sent {path:?} for {}){why}",
            op.name, op.path
        )
    };
    let segments = |text: &'p str| text.strip_prefix('/').unwrap_or(text).split('/');
    // A different number of segments first: `..` as a whole id is folded away by URL parsing.
    if segments(op.path).count() != segments(path).count() {
        return Err(changed_route("; ids may not be `.` or `..`"));
    }
    let mut project_id = None;
    for (want, got) in segments(op.path).zip(segments(path)) {
        let Some(name) = want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) else {
            if want != got {
                return Err(changed_route(""));
            }
            continue;
        };
        // Only a value with an escape needs decoding to be checked (an id has none).
        let value = if got.contains('%') {
            percent_encoding::percent_decode_str(got).decode_utf8_lossy()
        } else {
            Cow::Borrowed(got)
        };
        if value.trim().is_empty() {
            return Err(format!("{}: `{name}` is empty", op.name));
        }
        if name == "project_id" {
            project_id = Some(value);
        }
    }
    Ok(project_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::operation::TEST_SWAP as SWAP;

    #[test]
    fn paths_must_keep_their_template_shape() {
        let project = Ok(Some(Cow::Borrowed("p")));
        assert_eq!(check_path(&SWAP, "/v2/p/instances/i-1/async-swap"), project);
        assert_eq!(
            check_path(&SWAP, "/v2/p/instances/..%2Fx/async-swap"),
            project
        );
        let empty = check_path(&SWAP, "/v2/p/instances//async-swap").unwrap_err();
        assert!(empty.contains("`instance_id` is empty"), "{empty}");
        let blank = check_path(&SWAP, "/v2/p/instances/%20%09/async-swap").unwrap_err();
        assert!(blank.contains("`instance_id` is empty"), "{blank}");
        // `..` as a whole id is folded away by URL parsing: the route changes.
        let folded = check_path(&SWAP, "/v2/p/async-swap").unwrap_err();
        assert!(folded.contains("changed the route"), "{folded}");
        assert!(folded.contains("`.` or `..`"), "{folded}");
        // Same number of segments, another literal: the route changed too.
        let moved = check_path(&SWAP, "/v2/p/instancez/i-1/async-swap").unwrap_err();
        assert!(moved.contains("changed the route"), "{moved}");
        // The project id is decoded.
        assert_eq!(
            check_path(&SWAP, "/v2/p%2B1/instances/i/async-swap"),
            Ok(Some(Cow::Owned("p+1".to_owned())))
        );
    }

    proptest! {
        /// Path values are encoded as progenitor encodes them, with `+` and `=` encoded too (as the
        /// official SDK sends them).
        #[test]
        fn path_values_are_encoded_like_progenitor_plus_the_sdk_characters(value in "\\PC{0,24}") {
            let expected = progenitor_client::encode_path(&value)
                .replace('+', "%2B")
                .replace('=', "%3D");
            prop_assert_eq!(encode_path_value(&value), expected);
        }
    }

    #[test]
    fn path_value_encoding_examples() {
        assert_eq!(encode_path_value("ff8080818822bbf7"), "ff8080818822bbf7");
        assert_eq!(encode_path_value("a+b=c"), "a%2Bb%3Dc");
        assert_eq!(encode_path_value("../x y/%"), "..%2Fx%20y%2F%25");
        assert_eq!(encode_path_value("中"), "%E4%B8%AD");
    }
}
