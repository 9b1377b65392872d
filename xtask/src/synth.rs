//! `cargo xtask synth-model`: a synthetic restJson1 service of any size, for benchmarks.
//!
//! The operations come in groups of five around one resource-like shape `Thing<g>`: create
//! (POST, JSON body with a nested structure, a list, a map, an enum, a timestamp and an
//! idempotency token), get (GET with a label), list (GET with query members, paginated), update
//! (PUT with a label, a header and a body) and delete (DELETE with a label). Every group has its
//! own structures, enum and list shapes; the errors are shared, as in AWS models. The same `N`
//! always gives the same model.

use serde_json::{json, Map, Value};

const NS: &str = "com.example.synth";

/// The model of a service with `operations` operations.
pub fn model(operations: usize) -> Value {
    let mut shapes = Map::new();
    let id = |name: &str| format!("{NS}#{name}");
    let target = |name: &str| json!({ "target": id(name) });
    let names: Vec<String> = (0..operations).map(operation_name).collect();
    shapes.insert(
        id("Synth"),
        json!({
            "type": "service",
            "version": "2025-01-01",
            "operations": names.iter().map(|n| target(n)).collect::<Vec<_>>(),
            "errors": [target("AccessDeniedException"), target("ThrottlingException"), target("InternalServerException")],
            "traits": {
                "aws.api#service": { "sdkId": "Synth" },
                "aws.auth#sigv4": { "name": "synth" },
                "aws.protocols#restJson1": {},
                "smithy.api#documentation": format!("A synthetic service of {operations} operations."),
            }
        }),
    );
    for (name, code, fault, extra) in [
        ("AccessDeniedException", 403, "client", json!({})),
        (
            "ThrottlingException",
            429,
            "client",
            json!({ "smithy.api#retryable": { "throttling": true } }),
        ),
        (
            "InternalServerException",
            500,
            "server",
            json!({ "smithy.api#retryable": {} }),
        ),
        ("ResourceNotFoundException", 404, "client", json!({})),
        ("ValidationException", 400, "client", json!({})),
        ("ConflictException", 409, "client", json!({})),
    ] {
        let mut traits = json!({
            "smithy.api#error": fault,
            "smithy.api#httpError": code,
            "smithy.api#documentation": format!("The {name}."),
        });
        traits
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        shapes.insert(
            id(name),
            json!({
                "type": "structure",
                "members": { "message": { "target": "smithy.api#String", "traits": { "smithy.api#required": {} } } },
                "traits": traits,
            }),
        );
    }
    shapes.insert(id("Tags"), map_of("smithy.api#String", "smithy.api#String"));
    shapes.insert(
        id("ThingId"),
        json!({ "type": "string", "traits": { "smithy.api#pattern": "^[a-zA-Z0-9-]{1,36}$" } }),
    );
    for g in 0..operations.div_ceil(5) {
        group_shapes(&mut shapes, g);
    }
    for (i, name) in names.iter().enumerate() {
        operation(&mut shapes, i, name);
    }
    // A small model uses fewer of the shared shapes: keep only those the service reaches.
    let reached = reached(&shapes, &id("Synth"));
    shapes.retain(|id, _| reached.contains(id));
    json!({ "smithy": "2.0", "shapes": shapes })
}

/// The shapes reachable from `root` through every `target` of the shapes on the way.
fn reached(shapes: &Map<String, Value>, root: &str) -> std::collections::BTreeSet<String> {
    fn targets(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(o) => {
                for (key, v) in o {
                    match (key.as_str(), v) {
                        ("target", Value::String(t)) => out.push(t.clone()),
                        _ => targets(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| targets(v, out)),
            _ => {}
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut pending = vec![root.to_owned()];
    while let Some(id) = pending.pop() {
        if let (Some(shape), true) = (shapes.get(&id), seen.insert(id.clone())) {
            targets(shape, &mut pending);
        }
    }
    seen
}

fn operation_name(i: usize) -> String {
    let g = i / 5;
    match i % 5 {
        0 => format!("CreateThing{g}"),
        1 => format!("GetThing{g}"),
        2 => format!("ListThing{g}s"),
        3 => format!("UpdateThing{g}"),
        _ => format!("DeleteThing{g}"),
    }
}

fn map_of(key: &str, value: &str) -> Value {
    json!({ "type": "map", "key": { "target": key }, "value": { "target": value } })
}

fn member(target: &str, traits: Value) -> Value {
    json!({ "target": target, "traits": traits })
}

/// The shapes one group of five operations shares.
fn group_shapes(shapes: &mut Map<String, Value>, g: usize) {
    let id = |name: &str| format!("{NS}#{name}{g}");
    let doc = |text: &str| json!({ "smithy.api#documentation": text });
    shapes.insert(
        id("Status"),
        json!({
            "type": "enum",
            "members": {
                "CREATING": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "CREATING" } },
                "ACTIVE": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "ACTIVE" } },
                "FAILED": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "FAILED" } },
                "DELETING": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "DELETING" } },
            }
        }),
    );
    shapes.insert(
        id("Settings"),
        json!({
            "type": "structure",
            "members": {
                "retries": member("smithy.api#Integer", json!({ "smithy.api#range": { "min": 0, "max": 10 } })),
                "ratio": member("smithy.api#Double", json!({})),
                "enabled": member("smithy.api#Boolean", json!({})),
                "labels": member(&id("Labels"), json!({})),
                "limits": member(&id("Limits"), json!({})),
            },
            "traits": doc("Nested settings."),
        }),
    );
    shapes.insert(
        id("Labels"),
        json!({ "type": "list", "member": { "target": "smithy.api#String" } }),
    );
    shapes.insert(id("Limits"), map_of("smithy.api#String", "smithy.api#Long"));
    let thing_members = json!({
        "id": member(&format!("{NS}#ThingId"), json!({ "smithy.api#required": {} })),
        "name": member("smithy.api#String", json!({ "smithy.api#required": {}, "smithy.api#length": { "min": 1, "max": 256 } })),
        "status": member(&id("Status"), json!({ "smithy.api#required": {} })),
        "createdAt": member("smithy.api#Timestamp", json!({ "smithy.api#required": {} })),
        "updatedAt": member("smithy.api#Timestamp", json!({ "smithy.api#timestampFormat": "date-time" })),
        "description": member("smithy.api#String", json!({})),
        "settings": member(&id("Settings"), json!({})),
        "tags": member(&format!("{NS}#Tags"), json!({})),
    });
    shapes.insert(
        id("Thing"),
        json!({ "type": "structure", "members": thing_members, "traits": doc("A thing.") }),
    );
    shapes.insert(
        id("ThingSummary"),
        json!({
            "type": "structure",
            "members": {
                "id": member(&format!("{NS}#ThingId"), json!({ "smithy.api#required": {} })),
                "name": member("smithy.api#String", json!({ "smithy.api#required": {} })),
                "status": member(&id("Status"), json!({ "smithy.api#required": {} })),
                "createdAt": member("smithy.api#Timestamp", json!({ "smithy.api#required": {} })),
            },
            "traits": doc("A thing in a list."),
        }),
    );
    shapes.insert(
        id("ThingSummaries"),
        json!({ "type": "list", "member": { "target": id("ThingSummary") } }),
    );
}

/// One operation with its input and output.
fn operation(shapes: &mut Map<String, Value>, i: usize, name: &str) {
    let g = i / 5;
    let group = |shape: &str| format!("{NS}#{shape}{g}");
    let thing_id = format!("{NS}#ThingId");
    let label = member(
        &thing_id,
        json!({ "smithy.api#required": {}, "smithy.api#httpLabel": {} }),
    );
    let errors = |list: &[&str]| {
        list.iter()
            .map(|e| json!({ "target": format!("{NS}#{e}") }))
            .collect::<Vec<_>>()
    };
    let (method, uri, code, input, output, errs, extra) = match i % 5 {
        0 => (
            "POST",
            format!("/things{g}"),
            201,
            json!({
                "name": member("smithy.api#String", json!({ "smithy.api#required": {}, "smithy.api#length": { "min": 1, "max": 256 } })),
                "description": member("smithy.api#String", json!({})),
                "settings": member(&group("Settings"), json!({})),
                "tags": member(&format!("{NS}#Tags"), json!({})),
                "clientToken": member("smithy.api#String", json!({ "smithy.api#idempotencyToken": {} })),
            }),
            json!({ "thing": member(&group("Thing"), json!({ "smithy.api#required": {} })) }),
            errors(&["ValidationException", "ConflictException"]),
            json!({ "smithy.api#idempotent": {} }),
        ),
        1 => (
            "GET",
            format!("/things{g}/{{id}}"),
            200,
            json!({ "id": label }),
            json!({ "thing": member(&group("Thing"), json!({ "smithy.api#required": {} })) }),
            errors(&["ResourceNotFoundException", "ValidationException"]),
            json!({ "smithy.api#readonly": {} }),
        ),
        2 => (
            "GET",
            format!("/things{g}"),
            200,
            json!({
                "status": member(&group("Status"), json!({ "smithy.api#httpQuery": "status" })),
                "createdAfter": member("smithy.api#Timestamp", json!({ "smithy.api#httpQuery": "createdAfter" })),
                "maxResults": member("smithy.api#Integer", json!({ "smithy.api#httpQuery": "maxResults", "smithy.api#range": { "min": 1, "max": 100 } })),
                "nextToken": member("smithy.api#String", json!({ "smithy.api#httpQuery": "nextToken" })),
            }),
            json!({
                "items": member(&group("ThingSummaries"), json!({ "smithy.api#required": {} })),
                "nextToken": member("smithy.api#String", json!({})),
            }),
            errors(&["ValidationException"]),
            json!({
                "smithy.api#readonly": {},
                "smithy.api#paginated": { "inputToken": "nextToken", "outputToken": "nextToken", "pageSize": "maxResults", "items": "items" },
            }),
        ),
        3 => (
            "PUT",
            format!("/things{g}/{{id}}"),
            200,
            json!({
                "id": label,
                "ifMatch": member("smithy.api#String", json!({ "smithy.api#httpHeader": "If-Match" })),
                "description": member("smithy.api#String", json!({})),
                "settings": member(&group("Settings"), json!({})),
            }),
            json!({
                "thing": member(&group("Thing"), json!({ "smithy.api#required": {} })),
                "etag": member("smithy.api#String", json!({ "smithy.api#httpHeader": "ETag" })),
            }),
            errors(&["ResourceNotFoundException", "ValidationException", "ConflictException"]),
            json!({ "smithy.api#idempotent": {} }),
        ),
        _ => (
            "DELETE",
            format!("/things{g}/{{id}}"),
            204,
            json!({ "id": label }),
            json!({}),
            errors(&["ResourceNotFoundException"]),
            json!({ "smithy.api#idempotent": {} }),
        ),
    };
    let mut traits = json!({
        "smithy.api#http": { "method": method, "uri": uri, "code": code },
        "smithy.api#documentation": format!("The operation {name}."),
    });
    traits
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    shapes.insert(
        format!("{NS}#{name}"),
        json!({
            "type": "operation",
            "input": { "target": format!("{NS}#{name}Input") },
            "output": { "target": format!("{NS}#{name}Output") },
            "errors": errs,
            "traits": traits,
        }),
    );
    shapes.insert(
        format!("{NS}#{name}Input"),
        json!({ "type": "structure", "members": input, "traits": { "smithy.api#input": {} } }),
    );
    shapes.insert(
        format!("{NS}#{name}Output"),
        json!({ "type": "structure", "members": output, "traits": { "smithy.api#output": {} } }),
    );
}
