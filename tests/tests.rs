//! Every native integration test, as one test binary (one link instead of one per file, which
//! matters on two cores). Each file of `tests/` is a module; `tests/wasm.rs` gathers those that
//! also run under WebAssembly. Run one module with `cargo test --test tests MODULE::`.

mod audit_fixture;
mod cli_check;
mod cli_help;
mod cli_pseudonymise;
mod cli_verdict;
mod dictionary_xsd;
mod docs_generated;
mod engine_invariants;
mod engine_split;
mod errors_doc;
mod file_rules;
mod fuzz_regressions;
mod generate_dictionary;
mod generate_digest;
mod generate_output;
mod generate_plants;
mod generate_plausible;
mod generated_manifest;
mod golden;
mod hostile;
mod layers;
mod limits;
mod output_safety;
mod pseudo_phonex_corpus;
mod pseudo_previous;
mod pseudo_table;
mod pseudo_vectors;
mod read_bench;
mod read_common;
mod read_csv;
mod read_repair;
mod read_robustness;
mod read_xml;
mod record_fixtures;
mod record_generated;
mod record_speed;
mod rules_coverage;
mod session;
mod spec_copies;
mod write_xmllint;
