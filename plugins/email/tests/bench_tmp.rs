use chorus_sdk::Plugin;
use chorus_sdk::testing::{self, FakeHost};
use email::Email;
use std::time::Instant;

#[test]
fn bench() {
    for f in ["big-mixed", "big-plain", "big-html", "many-parts", "lt"] {
        let body = std::fs::read(format!("/tmp/{f}.eml")).expect("file");
        let t = Instant::now();
        let parsed = mail_parser::MessageParser::default()
            .parse(&body[..])
            .expect("parse");
        let tp = t.elapsed();
        let n = parsed.parts.len();
        drop(parsed);
        let _h = FakeHost::new().install();
        let req = testing::request("POST", &body)
            .header("Content-Type", "message/rfc822")
            .build();
        let t = Instant::now();
        let out = Email::listen(req);
        let tl = t.elapsed();
        println!(
            "{f}: parse {tp:?} ({n} parts), listen {tl:?} ok={}",
            out.is_ok()
        );
    }
}
