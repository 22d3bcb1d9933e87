//! olinpe: check and pseudonymise the yearly child-protection data transmission
//! (dispositif Olinpe, décret n° 2016-1966).
//!
//! The pipeline, in five lines:
//! 1. [`read`] turns bytes pushed in chunks into [`record::Record`]s (CSV or Olinpe XML),
//!    detecting encoding and dialect and reporting reading problems as findings;
//! 2. [`rules`] checks every record against the [`dictionary`] and the spec's coherence rules,
//!    and keeps a compact per-young-person / per-row state for the file rules;
//! 3. [`pseudo`] replaces the identity by NUMANONYM (ONPE level 1) or re-hashes (level 2);
//! 4. [`write`](mod@write) produces the transmission XML/CSV, the ODPE variant and the findings CSV;
//! 5. [`report`] assembles the report JSON (statistics, ONPE audit sections, capped findings).
//!
//! [`engine`] wires these together for one pass over one input; [`session`] runs a whole job
//! (last year's file, pass 1, the findings pass, receipts), names every file from one table
//! and hashes it, behind a push API used by both edges: the command line
//! (`src/bin/olinpe.rs`) and the WebAssembly binding (`src/wasm.rs`). Fatal problems are one
//! [`error::Error`] type with stable codes. [`continuity`] checks this year's file against
//! last year's (the session runs it as a job of its own). Everything here is pure: no files, no clock, no
//! randomness except a seeded PRNG passed in by the caller.

#[doc(hidden)]
pub mod bench;
pub mod continuity;
pub mod dictionary;
pub mod engine;
pub mod error;
pub mod finding;
pub mod generate;
pub mod pseudo;
pub mod read;
pub mod record;
pub mod report;
pub mod rules;
pub mod session;
pub mod training;
mod wire;
pub mod write;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The tool's version, as written in reports and receipts.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
