//! Every example in the workspace's specs (parameters, request bodies, responses, schemas)
//! validates against its own schema. And the check is not vacuous: breaking any one of those
//! examples makes the validator report it.

use serde_json::Value;
use xtask::lint::{Rule, lint_source};

fn specs() -> Vec<(String, String)> {
    let root = xtask::workspace_root();
    let mut out: Vec<(String, String)> = xtask::generate::services(&root)
        .expect("specs/ lists")
        .into_iter()
        .map(|s| {
            let text = std::fs::read_to_string(root.join(&s.spec)).expect("spec readable");
            (s.spec.display().to_string(), text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 3, "expected the dcs, drs and css specs");
    out
}

/// JSON pointers of every `example` value and every `examples.<name>.value`, except inside
/// vendor extensions.
fn example_pointers(value: &Value, pointer: &str, out: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key.starts_with("x-") {
                    continue;
                }
                let here = format!("{pointer}/{}", escape(key));
                if key == "example" {
                    out.push(here);
                } else if key == "examples" && child.is_object() {
                    for (name, example) in child.as_object().into_iter().flatten() {
                        if example.get("value").is_some() {
                            out.push(format!("{here}/{}/value", escape(name)));
                        }
                    }
                } else {
                    example_pointers(child, &here, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                example_pointers(child, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_spec_example_validates_against_its_schema() {
    for (file, text) in specs() {
        let invalid: Vec<String> = lint_source(&file, &text)
            .into_iter()
            .filter(|f| f.rule == Rule::ExampleValid)
            .map(|f| f.to_string())
            .collect();
        assert!(invalid.is_empty(), "{}", invalid.join("\n"));
    }
}

#[test]
fn breaking_any_example_is_caught() {
    let mut checked = 0;
    for (file, text) in specs() {
        let spec: Value = serde_yaml_ng::from_str(&text).expect("YAML");
        let mut pointers = Vec::new();
        example_pointers(&spec, "", &mut pointers);
        assert!(!pointers.is_empty(), "{file} has no examples");
        for pointer in pointers {
            let mut broken = spec.clone();
            // A nested array fits none of the schemas these examples have.
            *broken.pointer_mut(&pointer).expect("pointer") = serde_json::json!([[]]);
            let yaml = serde_yaml_ng::to_string(&broken).expect("serialises");
            let caught = lint_source(&file, &yaml)
                .into_iter()
                .any(|f| f.rule == Rule::ExampleValid);
            assert!(
                caught,
                "{file}: an invalid example at {pointer} went unnoticed"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} examples found");
}
