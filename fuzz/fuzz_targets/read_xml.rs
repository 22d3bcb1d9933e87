//! The XML reader on arbitrary bytes and options (see `olinpe_fuzz` for the properties).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let case = olinpe_fuzz::Case::decode(input);
    // Keep the input on the XML path: anything not starting with `<` gets an Olinpe prologue.
    let body = case.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(case.data);
    let first = body
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0c));
    if first == Some(&b'<') {
        olinpe_fuzz::fuzz_reader(&case, case.data);
    } else {
        let mut data = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO><DONNEE>".to_vec();
        data.extend_from_slice(case.data);
        olinpe_fuzz::fuzz_reader(&case, &data);
    }
});
