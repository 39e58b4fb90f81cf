//! The byte format of request inputs: a small HTTP message, so that seeds
//! are readable and libFuzzer's mutations stay meaningful.
//!
//! ```text
//! POST /v1/brands/acme/channels/slack/events?a=b      (optional request line)
//! content-type: application/json                      (headers)
//!                                                     (a blank line)
//! {"type":"event_callback", ...}                      (the body, raw bytes)
//! ```
//!
//! Without a blank line the whole input is the body of a `POST` with no
//! headers.

/// A request read from fuzz bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<'a> {
    /// Method (`POST` when the input has no request line).
    pub method: String,
    /// Path, when the input has a request line.
    pub path: Option<String>,
    /// Raw query string, without `?`.
    pub query: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body, raw.
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// Reads `data`; every input is some request.
    pub fn parse(data: &'a [u8]) -> Self {
        let mut request = Request {
            method: "POST".to_owned(),
            path: None,
            query: String::new(),
            headers: Vec::new(),
            body: data,
        };
        let Some(split) = data.windows(2).position(|w| w == b"\n\n") else {
            return request;
        };
        request.body = &data[split + 2..];
        let head = String::from_utf8_lossy(&data[..split]);
        let mut lines = head.lines().peekable();
        if let Some((method, target)) = lines.peek().and_then(|line| request_line(line)) {
            request.method = method.to_owned();
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            request.path = Some(path.to_owned());
            request.query = query.to_owned();
            lines.next();
        }
        request.headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        request
    }

    /// The bytes [`Request::parse`] reads back as this request (seeds are
    /// written with it).
    pub fn render(&self) -> Vec<u8> {
        let mut out = String::new();
        if let Some(path) = &self.path {
            out.push_str(&self.method);
            out.push(' ');
            out.push_str(path);
            if !self.query.is_empty() {
                out.push('?');
                out.push_str(&self.query);
            }
            out.push('\n');
        }
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\n"));
        }
        out.push('\n');
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(self.body);
        bytes
    }
}

/// `METHOD /target`: a method of upper-case letters, then a path.
fn request_line(line: &str) -> Option<(&str, &str)> {
    let (method, target) = line.split_once(' ')?;
    let is_method = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    (is_method && target.starts_with('/')).then_some((method, target.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_request_reads_back_the_same() {
        let request = Request {
            method: "GET".to_owned(),
            path: Some("/v1/brands/acme/channels/x/events".to_owned()),
            query: "crc_token=abc".to_owned(),
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: b"{\"a\":\n\n1}",
        };
        assert_eq!(Request::parse(&request.render()), request);
    }

    #[test]
    fn bytes_without_a_blank_line_are_a_bare_body() {
        let request = Request::parse(b"{\"type\":\"x\"}\n");
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, None);
        assert!(request.headers.is_empty());
        assert_eq!(request.body, b"{\"type\":\"x\"}\n");
    }
}
