//! `check` through the engine on arbitrary bytes and options (see `olinpe_fuzz` for the
//! properties).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    olinpe_fuzz::fuzz_check(&olinpe_fuzz::Case::decode(input));
});
