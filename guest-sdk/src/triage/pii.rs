//! Personal data that must not stay in public: email addresses, phone
//! numbers and payment card numbers (Luhn-checked).

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiKind {
    /// An email address.
    Email,
    /// A phone number (10 to 15 digits).
    Phone,
    /// A payment card number that passes the Luhn check.
    CardNumber,
}

impl PiiKind {
    /// A short description for reasons ("card number").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Email => "email address",
            Self::Phone => "phone number",
            Self::CardNumber => "card number",
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PiiMatch {
    /// What it is.
    pub kind: PiiKind,
    /// Byte range in the text.
    pub span: std::ops::Range<usize>,
}

/// Finds email addresses, phone numbers and card numbers in `text`.
pub fn find_pii(text: &str) -> Vec<PiiMatch> {
    let mut found = find_emails(text);
    found.extend(find_digit_runs(text));
    found
}

fn find_emails(text: &str) -> Vec<PiiMatch> {
    let is_local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_domain(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        let domain = text[at + 1..end].trim_end_matches('.');
        if start < at && domain.contains('.') && !domain.starts_with('.') {
            found.push(PiiMatch {
                kind: PiiKind::Email,
                span: start..at + 1 + domain.len(),
            });
        }
    }
    found
}

/// Runs of digits joined by spaces, dashes, dots or parentheses.
fn find_digit_runs(text: &str) -> Vec<PiiMatch> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = Vec::new();
        while i < bytes.len() && (bytes[i].is_ascii_digit() || b"+ -.()".contains(&bytes[i])) {
            if bytes[i].is_ascii_digit() {
                digits.push(bytes[i] - b'0');
                end = i + 1;
            }
            i += 1;
        }
        let kind = match digits.len() {
            _ if is_date_or_time(&text[start..end], bytes.get(end)) => None,
            13..=19 if luhn_valid(&digits) => Some(PiiKind::CardNumber),
            10..=15 => Some(PiiKind::Phone),
            _ => None,
        };
        if let Some(kind) = kind {
            found.push(PiiMatch {
                kind,
                span: start..end,
            });
        }
    }
    found
}

/// Whether a digit run is a timestamp, not a phone number: it starts with
/// an ISO date (`2022-10-07`) or runs into a clock time (`... 23:06`).
fn is_date_or_time(run: &str, next: Option<&u8>) -> bool {
    let date = run.as_bytes().get(..10).is_some_and(|d| {
        d.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    });
    date || next == Some(&b':')
}

/// The Luhn checksum used by payment card numbers.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PiiKind> {
        find_pii(text).into_iter().map(|m| m.kind).collect()
    }

    #[test]
    fn finds_luhn_valid_cards_only() {
        assert_eq!(
            kinds("card 4111-1111-1111-1111 please"),
            vec![PiiKind::CardNumber]
        );
        assert_eq!(
            kinds("card 4111-1111-1111-1112 please"),
            Vec::<PiiKind>::new()
        );
    }

    #[test]
    fn finds_emails_and_phones() {
        assert_eq!(
            kinds("mail me at jo.doe+x@example.co.uk."),
            vec![PiiKind::Email]
        );
        assert_eq!(kinds("call +1 (415) 555-0100"), vec![PiiKind::Phone]);
        assert_eq!(kinds("@acme help, order 12345"), Vec::<PiiKind>::new());
        assert_eq!(
            kinds("2022-10-07 23:06:12.640564 tweepy"),
            Vec::<PiiKind>::new(),
            "a timestamp is not a phone number"
        );
        assert_eq!(kinds("call 555 0100 1234 at 10:30"), vec![PiiKind::Phone]);
    }

    #[test]
    fn spans_point_at_the_data() {
        let text = "x jo@example.com y";
        let m = &find_pii(text)[0];
        assert_eq!(&text[m.span.clone()], "jo@example.com");
    }
}
