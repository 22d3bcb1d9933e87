//! The integration tests that run under WebAssembly, in a dedicated worker of headless
//! Chromium as the page runs the engine (`scripts/test-wasm.sh`): the binding's session and
//! the pseudonymisation vectors and tables, which prove native and WebAssembly builds give
//! the same identifiers; and the spreadsheet reader's tests (`sheet_read`). Natively, these
//! modules run in `tests/tests.rs`.

#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

mod pseudo_phonex_corpus;
mod pseudo_table;
mod pseudo_vectors;
mod sheet_build;
mod sheet_read;
mod wasm_session;
