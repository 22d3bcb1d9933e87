//! ONPE's "Rapport d'audit technique" sections 0002 → 0095 (OLINPE.md §6.1), counted with our
//! corrected rules, coloured as ONPE colours them.

use crate::finding::Finding;
use serde::Serialize;

/// One audit section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Section id, e.g. "0002".
    pub section: &'static str,
    /// French title.
    pub title: &'static str,
    /// "red", "orange" or "green".
    pub status: &'static str,
    /// Count, in `unit`.
    pub count: u64,
    /// "variables", "records" or "young_people".
    pub unit: &'static str,
    /// Variables concerned (sorted).
    pub variables: Vec<String>,
    /// What ONPE's own rule would count, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onpe_count: Option<u64>,
}

/// Accumulates the audit while findings flow.
#[derive(Debug, Default)]
pub struct Audit {}

impl Audit {
    /// A fresh audit.
    pub fn new() -> Self {
        Audit {}
    }

    /// Observes one finding (every finding, uncapped, in any order).
    pub fn observe(&mut self, f: &Finding) {
        let _ = f;
    }

    /// The sections, in id order.
    pub fn finish(self) -> Vec<AuditEntry> {
        Vec::new()
    }
}
