//! The `hwc` binary: see the library's documentation.

fn main() -> std::process::ExitCode {
    hwc::main()
}
