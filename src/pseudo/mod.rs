//! Pseudonymisation: name normalisation, phonex, the ONPE level-1 scheme ("onpe-2016"),
//! level-2 re-hashing for observatories, the key type, and the `--previous` variant probe
//! (docs/spec/OLINPE.md §0.1, §3; docs/spec/INTERFACES.md `rehash`, `--previous`).
//!
//! `docs/pseudonymisation.md` describes the algorithm step by step with test vectors, so that
//! any vendor can reproduce the identifiers.

mod identity;
mod key;
mod normalise;
mod phonex;
mod pow22;
mod rehash;
mod scheme;
mod variants;

/// The identifier of the level-1 scheme used by [`Pseudonymiser::new`], for the receipt.
pub const SCHEME_ID: &str = "onpe-2016";

pub use identity::{resolve, Column, Pseudonymiser, Rejection, Resolution, Role, Source};
pub use key::{Key, KeyError};
pub use normalise::{normalise_name, normalise_numdo};
pub use phonex::{phonex, phonex_code, phonex_value, render_php_float};
pub use rehash::{is_valid_id, rehash_id, Rehasher};
pub use scheme::{IdentityInput, Onpe2016, Scheme};
pub use variants::{Variant, VariantProbe, VariantRate, VariantReport};
