//! The model is untrusted input: text in it stays text. A model full of quotes, comment ends,
//! fences and would-be code generates a crate in which none of it became an item.
//! (`.ci/run` also builds that crate with clippy.)

use codegen::Options;
use std::path::Path;

#[test]
fn hostile_text_never_becomes_code() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile.json");
    let generated = xtask::generate_from(&model, &Options::default()).expect("hostile text is still valid Smithy");
    let mut rust_files = 0;
    for (path, text) in &generated.files {
        assert!(
            Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{path} is not a plain relative path"
        );
        if path.ends_with(".rs") {
            rust_files += 1;
            let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
            let mut items = Vec::new();
            collect_fn_names(&file.items, &mut items);
            assert!(
                !items.iter().any(|name| name == "injected"),
                "{path} defines `injected`"
            );
        }
    }
    assert!(rust_files > 5);
    // The crate name is made of the sdkId's words only.
    assert!(generated.files["Cargo.toml"].contains("name = \"hostile-etc\""));
}

fn collect_fn_names(items: &[syn::Item], out: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => out.push(f.sig.ident.to_string()),
            syn::Item::Impl(i) => {
                for entry in &i.items {
                    if let syn::ImplItem::Fn(f) = entry {
                        out.push(f.sig.ident.to_string());
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect_fn_names(items, out);
                }
            }
            _ => {}
        }
    }
}
