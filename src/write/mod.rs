//! Writers: transmission XML and CSV, the ODPE variant, the findings CSV (docs/spec/INTERFACES.md
//! "Output files").
//!
//! Each writer is push-style and allocation-free per record once its output buffer has
//! grown: the caller asks for the header bytes, then appends one record (or finding) at a
//! time to a `Vec<u8>` it owns and flushes as it likes, then asks for the footer. The bytes
//! depend only on the values, never on how the input was cut into chunks, so the command
//! line and the page produce identical files.

pub mod csv;
pub mod findings_csv;
pub mod xml;

/// Appends `value` as one `;`-separated field, quoted as RFC 4180 says only when it contains
/// `;`, `"`, CR or LF (inner quotes doubled).
fn push_csv_field(value: &str, out: &mut Vec<u8>) {
    if value
        .bytes()
        .any(|b| matches!(b, b';' | b'"' | b'\r' | b'\n'))
    {
        out.push(b'"');
        for (i, part) in value.split('"').enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::push_csv_field;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let cases = [
            ("", ""),
            ("abc", "abc"),
            ("a,b", "a,b"),
            ("a b", "a b"),
            ("'", "'"),
            ("a;b", "\"a;b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("a\nb", "\"a\nb\""),
            ("a\r\nb", "\"a\r\nb\""),
            ("é;è", "\"é;è\""),
        ];
        for (value, expected) in cases {
            let mut out = Vec::new();
            push_csv_field(value, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{value:?}");
        }
    }
}
