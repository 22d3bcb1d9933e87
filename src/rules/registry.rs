//! The rule registry: every rule with the spec rows it implements and the finding codes it
//! emits. `docs/rules.md` is generated from it; a test fails when a listed spec row has none.

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable rule id.
    pub id: &'static str,
    /// Spec references (e.g. "§5.2 NATPDECADM ∈ {10, 20} → TYPINTERDOM").
    pub spec_rows: &'static [&'static str],
    /// Finding codes it may emit.
    pub codes: &'static [&'static str],
    /// French description.
    pub description: &'static str,
}

/// Every rule.
pub static RULES: &[Rule] = &[];
