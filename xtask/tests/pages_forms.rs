//! Forms of the reStructuredText pages the reader must take as the Open Telekom Cloud docs write
//! them (seen on the DCS, CSS and DRS references): an object table whose caption contains
//! "Body", example requests that start with their request line, `//` comments in an example,
//! bullets that state limits, a value list that forgot its first bullet, RST escapes, and an
//! example that is not JSON at all. Each page here is invented and small.

use xtask::pages::{self, Page};

fn parse(text: &str) -> Page {
    pages::parse(text, "page.rst").unwrap()
}

fn table(number: u32, caption: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut out = format!(
        ".. table:: **Table {number}** {caption}\n\n   ========= ====================== ===========================\n   Parameter Type                   Description\n   ========= ====================== ===========================\n"
    );
    for (name, ty, description) in rows {
        out.push_str(&format!("   {name:<9} {ty:<22} {description}\n"));
    }
    out.push_str("   ========= ====================== ===========================\n\n");
    out
}

fn page(body: &str) -> String {
    format!(
        ":original_name: ShowThing.html\n\nShowing a Thing\n===============\n\nFunction\n--------\n\nShows a thing.\n\nURI\n---\n\nPOST /v1/{{project_id}}/things\n\nResponse Parameters\n-------------------\n\n**Status code: 200**\n\n{body}"
    )
}

#[test]
fn an_object_table_whose_name_contains_body_is_not_the_body() {
    let text = page(&format!(
        "{}{}",
        table(
            2,
            "Response body parameters",
            &[
                ("id", "String", "ID."),
                ("details", "DetailsBody object", "Details.")
            ]
        ),
        table(3, "DetailsBody", &[("size", "Integer", "Size.")])
    ));
    let page = parse(&text);
    let body = page.response("200").unwrap().body.as_ref().unwrap();
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "details"]);
    let nested = body.fields[1].fields.as_ref().unwrap();
    assert_eq!(nested[0].name, "size");
}

#[test]
fn a_request_example_after_its_request_line_and_comments_in_an_example_are_read() {
    let text = page(
        "Example Requests\n----------------\n\n.. code-block:: text\n\n   POST https://{Endpoint}/v1/p/things\n\n   {\n     \"a\" : \"x//y\"\n   }\n\nExample Responses\n-----------------\n\n**Status code: 200**\n\n.. code-block::\n\n   {\n     \"id\": \"1\" // the thing's ID\n   }\n",
    );
    let page = parse(&text);
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(
        page.request_examples[0].value,
        serde_json::json!({"a": "x//y"})
    );
    assert_eq!(
        page.response("200").unwrap().examples[0].value,
        serde_json::json!({"id": "1"})
    );
}

#[test]
fn an_example_that_is_not_json_is_a_problem_of_its_status() {
    let text = page(
        "Example Responses\n-----------------\n\n**Status code: 200**\n\n.. code-block::\n\n   {\n     \"id\": \"1\"\n     \"name\": x\n   }\n",
    );
    let page = parse(&text);
    assert_eq!(page.problems.len(), 1);
    assert_eq!(page.problems[0].status.as_deref(), Some("200"));
}

#[test]
fn limits_are_not_values_and_a_forgotten_first_bullet_is() {
    let values = pages::parse::listed_values(
        "Page size.\n\n-  Minimum value: **0**\n-  Maximum value: **100**\n-  Default value: **5**",
    );
    assert!(values.is_empty(), "{values:?}");
    let values = pages::parse::listed_values(
        "**Options**:\n\n**100**: creating.\n\n-  **200**: available\n\n-  **303**: unavailable",
    );
    assert_eq!(values, ["100", "200", "303"]);
    // A label with nothing after it is not a value.
    let values = pages::parse::listed_values("**Definition**:\n\n-  **a**: one\n-  **b**: two");
    assert_eq!(values, ["a", "b"]);
}

#[test]
fn object_and_array_descriptions_list_no_values() {
    let text = page(
        &table(
            2,
            "Response body parameters",
            &[("dims", "Array of Dim objects", "Dimensions.")],
        )
        .replace(
            "Dimensions.",
            "Dimensions.\n                                    -  the **first** one",
        ),
    );
    let page = parse(&text);
    let body = page.response("200").unwrap().body.as_ref().unwrap();
    assert!(body.fields[0].values.is_empty());
}

#[test]
fn rst_escapes_are_removed_from_descriptions() {
    let text = page(&table(
        2,
        "Response body parameters",
        &[("size", "Integer", r"At most 1000\ \* 2.")],
    ));
    let page = parse(&text);
    let body = page.response("200").unwrap().body.as_ref().unwrap();
    assert_eq!(body.fields[0].description, "At most 1000* 2.");
}

#[test]
fn a_table_nested_in_a_cell_lists_the_values() {
    let text = page(
        ".. table:: **Table 2** Response body parameters\n\n   +-----------+--------+----------------------------------+\n   | Parameter | Type   | Description                      |\n   +===========+========+==================================+\n   | mode      | String | Switchover mode.                 |\n   |           |        |                                  |\n   |           |        | +-------+----------------------+ |\n   |           |        | | Value | Meaning              | |\n   |           |        | +=======+======================+ |\n   |           |        | | fast  | no data check        | |\n   |           |        | +-------+----------------------+ |\n   |           |        | | safe  | checks data first    | |\n   |           |        | +-------+----------------------+ |\n   +-----------+--------+----------------------------------+\n\n",
    );
    let page = parse(&text);
    let body = page.response("200").unwrap().body.as_ref().unwrap();
    assert_eq!(body.fields.len(), 1, "{:?}", body.fields);
    assert_eq!(body.fields[0].values, ["fast", "safe"]);
    assert!(
        body.fields[0]
            .description
            .contains("safe: checks data first"),
        "{}",
        body.fields[0].description
    );
}
