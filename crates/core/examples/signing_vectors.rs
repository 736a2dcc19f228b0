//! Checks a signing-vectors file (the format of `shared/signing-vectors/official-sdk-vectors.json`).
//!
//! ```text
//! cargo run -p hwcloud-core --example signing_vectors -- FILE
//! ```
//!
//! Prints `ok   NAME` or `FAIL NAME: STAGE: expected … got …` per vector, then `N passed, M failed`.
//! Exits with 1 when a vector fails, 2 when the file cannot be read or parsed.

use std::process::ExitCode;

use hwcloud_core::vectors;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: signing_vectors FILE");
        return ExitCode::from(2);
    };
    let file = match vectors::load(&path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if file.vectors.is_empty() {
        eprintln!("error: {path} has no vectors");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for vector in &file.vectors {
        let mismatches = vectors::check(vector);
        if mismatches.is_empty() {
            passed += 1;
            println!("ok   {}", vector.name);
        } else {
            failed += 1;
            let details: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
            println!("FAIL {}: {}", vector.name, details.join("; "));
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
