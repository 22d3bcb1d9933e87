//! Synthetic test data: realistic Olinpe files with planted errors listed in a manifest.
//! The generator never calls the rule engine.
