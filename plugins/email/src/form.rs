//! A minimal `multipart/form-data` reader (RFC 7578) for inbound-parse
//! webhooks: finds one field by name and borrows its bytes from the body.
//!
//! Written for speed on large forms: the only long scan is across the raw
//! message field, looking for line ends eight bytes at a time, and nothing is
//! decoded or copied.

use chorus_sdk::PluginError;

/// The bytes of the first field named one of `names` (in that order of
/// preference), `None` when the form has none of them.
pub fn field<'a>(
    content_type: &str,
    body: &'a [u8],
    names: &[&str],
) -> Result<Option<&'a [u8]>, PluginError> {
    let boundary = boundary(content_type).ok_or_else(|| {
        PluginError::BadInput("multipart/form-data without a boundary parameter".to_owned())
    })?;
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary.as_bytes());
    let mut found: Vec<(usize, &'a [u8])> = Vec::new();
    let mut at = first_delimiter(body, &delimiter).ok_or_else(|| {
        PluginError::BadInput("multipart/form-data body without its boundary".to_owned())
    })?;
    // `at` is the start of a delimiter line; stop at the close delimiter.
    while let Some(after) = body.get(at + delimiter.len()..) {
        if after.starts_with(b"--") {
            break;
        }
        let headers_start = line_end(body, at).ok_or_else(truncated)?;
        let (headers, content_start) = part_headers(body, headers_start).ok_or_else(truncated)?;
        let content_end = next_delimiter(body, content_start, &delimiter).ok_or_else(truncated)?;
        let content = &body[content_start..content_end.content_end];
        if let Some(rank) = field_name(headers).and_then(|n| names.iter().position(|w| *w == n)) {
            found.push((rank, content));
        }
        at = content_end.delimiter;
    }
    Ok(found
        .into_iter()
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, c)| c))
}

fn truncated() -> PluginError {
    PluginError::BadInput("multipart/form-data body ends inside a field".to_owned())
}

/// The `boundary` parameter of a `Content-Type` value.
fn boundary(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

/// The `name` parameter of a part's `Content-Disposition: form-data` header.
fn field_name(headers: &[u8]) -> Option<&str> {
    let headers = std::str::from_utf8(headers).ok()?;
    let disposition = headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(value)
    })?;
    disposition.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("name")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The first delimiter line: at the very start or after a line end
/// (a preamble may come first).
fn first_delimiter(body: &[u8], delimiter: &[u8]) -> Option<usize> {
    if body.starts_with(delimiter) {
        return Some(0);
    }
    next_delimiter(body, 0, delimiter).map(|d| d.delimiter)
}

/// Where a part's content ends and the next delimiter line starts.
struct Delimiter {
    content_end: usize,
    delimiter: usize,
}

/// The next `CRLF--boundary` (or bare `LF--boundary`) at or after `from`.
fn next_delimiter(body: &[u8], from: usize, delimiter: &[u8]) -> Option<Delimiter> {
    let mut search = from;
    loop {
        let newline = find_byte(body, search, b'\n')?;
        if body[newline + 1..].starts_with(delimiter) {
            let content_end = if newline > from && body[newline - 1] == b'\r' {
                newline - 1
            } else {
                newline
            };
            return Some(Delimiter {
                content_end: content_end.max(from),
                delimiter: newline + 1,
            });
        }
        search = newline + 1;
    }
}

/// The index just past the line that starts at or contains `from`.
fn line_end(body: &[u8], from: usize) -> Option<usize> {
    find_byte(body, from, b'\n').map(|newline| newline + 1)
}

/// A part's header block starting at `from` and where its content starts
/// (after the blank line).
fn part_headers(body: &[u8], from: usize) -> Option<(&[u8], usize)> {
    let mut line = from;
    loop {
        let next = line_end(body, line)?;
        if body[line..next].iter().all(|b| matches!(b, b'\r' | b'\n')) {
            return Some((&body[from..line], next));
        }
        line = next;
    }
}

/// The first `needle` byte at or after `from`, tested eight bytes at a time
/// (the classic "has zero byte" word trick) before the exact position.
fn find_byte(haystack: &[u8], from: usize, needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let rest = haystack.get(from..)?;
    let pattern = ONES * u64::from(needle);
    let mut skipped = 0;
    for chunk in rest.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        skipped += 8;
    }
    rest[skipped..]
        .iter()
        .position(|&b| b == needle)
        .map(|at| from + skipped + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &[u8] = b"preamble\r\n--XX\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n\
        a@b.c\r\n--XX\r\nContent-Disposition: form-data; filename=\"x\"; name=\"email\"\r\n\
        Content-Type: text/plain\r\n\r\nFrom: a@b.c\r\n\r\nhi --XX not a delimiter\r\n\r\n--XX--\r\n";

    #[test]
    fn fields_are_found_by_name_and_borrowed_exactly() {
        let found = field("multipart/form-data; boundary=\"XX\"", FORM, &["email"]);
        assert_eq!(
            found.expect("form").expect("field"),
            b"From: a@b.c\r\n\r\nhi --XX not a delimiter\r\n"
        );
        let to = field(
            "multipart/form-data; boundary=XX",
            FORM,
            &["body-mime", "to"],
        );
        assert_eq!(to.expect("form").expect("field"), b"a@b.c");
        let none = field("multipart/form-data; boundary=XX", FORM, &["body-mime"]);
        assert_eq!(none.expect("form"), None);
    }

    #[test]
    fn broken_forms_are_bad_input() {
        for (content_type, body) in [
            ("multipart/form-data", FORM),
            ("multipart/form-data; boundary=YY", FORM),
            (
                "multipart/form-data; boundary=XX",
                &b"--XX\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nFrom: a"[..],
            ),
        ] {
            assert!(matches!(
                field(content_type, body, &["email"]),
                Err(PluginError::BadInput(_))
            ));
        }
    }

    #[test]
    fn bytes_are_found_in_every_position() {
        let hay: Vec<u8> = (0..40)
            .map(|i| if i == 37 { b'\n' } else { b'a' })
            .collect();
        for from in 0..=37 {
            assert_eq!(find_byte(&hay, from, b'\n'), Some(37));
        }
        assert_eq!(find_byte(&hay, 38, b'\n'), None);
        assert_eq!(find_byte(&hay, 99, b'\n'), None);
    }
}
