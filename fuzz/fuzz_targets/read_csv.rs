//! The CSV reader on arbitrary bytes and options (see `olinpe_fuzz` for the properties).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let case = olinpe_fuzz::Case::decode(input);
    // Keep the input on the CSV path: the reader takes a leading `<` for XML.
    let first = case
        .data
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0c));
    if first == Some(&b'<') {
        let mut data = b"TYPEV;".to_vec();
        data.extend_from_slice(case.data);
        olinpe_fuzz::fuzz_reader(&case, &data);
    } else {
        olinpe_fuzz::fuzz_reader(&case, case.data);
    }
});
