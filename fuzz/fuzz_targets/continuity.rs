//! `continuity` (last year's file against this year's) on arbitrary bytes and options (see
//! `olinpe_fuzz::fuzz_continuity` for the properties).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    olinpe_fuzz::fuzz_continuity(&olinpe_fuzz::Case::decode(input));
});
