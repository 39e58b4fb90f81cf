//! A test-only component of another world (`test:other`). Never shipped.

wit_bindgen::generate!({ path: "wit", world: "other" });

struct Other;

impl Guest for Other {
    fn greet(name: String) -> String {
        format!("hello, {name}")
    }
}

export!(Other);
