//! The public API of each hand-written crate source, pinned: a change to it shows in review as a
//! snapshot change (`cargo insta review`). The generated files' API is what `cargo xtask diff`
//! reports.

use xtask::diff::rust::RustApi;

fn listing(krate: &str) -> String {
    let src = xtask::workspace_root()
        .join("crates")
        .join(krate)
        .join("src");
    RustApi::parse_crate(&src)
        .unwrap_or_else(|e| panic!("{krate}: {e}"))
        .listing()
}

#[test]
fn public_api_of_the_hand_written_crates() {
    for krate in ["core", "dcs", "drs", "css", "sim"] {
        let listing = listing(krate);
        assert!(!listing.is_empty(), "{krate} has a public API");
        insta::assert_snapshot!(format!("public_api_{krate}"), listing);
    }
}

#[test]
fn the_listing_sees_a_change() {
    let dir = std::env::temp_dir().join(format!("public-api-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        "pub struct A { pub x: u8, y: u8 }\nfn hidden() {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/mod.rs"),
        "pub fn f(a: u8) -> u8 { a }\npub(crate) fn g() {}\n",
    )
    .unwrap();
    let before = RustApi::parse_crate(&dir).unwrap().listing();
    assert_eq!(before, "A: struct\nA.x: u8\nsub::f: fn f(a: u8) -> u8\n");
    std::fs::write(dir.join("sub/mod.rs"), "pub fn f(a: u16) -> u8 { 0 }\n").unwrap();
    let after = RustApi::parse_crate(&dir).unwrap().listing();
    assert_ne!(before, after);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_listing_has_what_local_macros_define_and_leaves_out_hidden_items() {
    let dir = std::env::temp_dir().join(format!("public-api-macros-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        "pub struct A;\npub struct B;\n\
         macro_rules! waits { ($t:ident, $n:literal) => { impl $t { pub fn wait(self) -> u8 { $n } } }; }\n\
         waits!(A, 1);\nwaits!(B, 2);\n\
         #[doc(hidden)] pub fn plumbing() {}\n\
         #[cfg(doctest)] pub struct Doctests;\n\
         #[doc(hidden)] pub struct Hidden;\nimpl Hidden { pub fn f(&self) {} }\n",
    )
    .unwrap();
    let listing = RustApi::parse_crate(&dir).unwrap().listing();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        listing,
        "A: struct\nA::wait: fn wait(self) -> u8\nB: struct\nB::wait: fn wait(self) -> u8\n"
    );
}
