//! `cargo xtask pages`: read API reference pages.

pub mod model;
pub mod parse;

pub use model::Page;
pub use parse::parse;
