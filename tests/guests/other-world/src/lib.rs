//! A test-only component of another world (`test:other`). Never shipped.

#[allow(missing_docs)]
mod bindings {
    wit_bindgen::generate!({ path: "wit", world: "other", pub_export_macro: true, default_bindings_module: "bindings" });
}

use bindings::Guest;

struct Other;

impl Guest for Other {
    fn greet(name: String) -> String {
        format!("hello, {name}")
    }
}

bindings::export!(Other);
