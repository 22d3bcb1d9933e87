//! What depends on one record alone — its findings (the reader's, then the record rules'),
//! its cell facts, the file rules' keys and the audit's counts — as one value, computed the
//! same way wherever it is computed: on the calling thread, on the rules thread of the
//! command line (`pipeline.rs`) or in the page's helper worker (`split.rs`, which sends it
//! encoded). The ordered core takes it with `Core::take_outcome`, whichever path made it.

use crate::dictionary::ids;
use crate::finding::Finding;
use crate::record::Record;
use crate::report::person_hash;
use crate::rules::audit::AuditHits;
use crate::rules::file::RecordKeys;
use crate::rules::record::{check_with_facts, CellFacts};
use crate::wire::{In, Out, WireError};

/// What depends on one record alone.
#[derive(Debug, Default)]
pub(crate) struct RecordOutcome {
    /// The record's row and physical line.
    pub row: u64,
    pub line: u64,
    /// Which variables are present (columns of the input).
    pub present: u128,
    /// Filled and informative cells (statistics, audit).
    pub facts: CellFacts,
    /// What the file rules need from the record.
    pub keys: Option<RecordKeys>,
    /// The audit's per-record counts (not computed by the findings pass, which has no audit).
    pub hits: AuditHits,
    /// The reader's findings about the record, then the record rules'.
    pub findings: Vec<Finding>,
    /// The young person ([`person_hash`] of `NUMANONYM`; 0 for none), for the priorities.
    pub person: u64,
    /// The record's case number (`NUMDO`, empty when none): read out of its `Secret` only
    /// for the internal corrections list and the page's dossier column (docs/spec/STYLE.md
    /// point 6), never written anywhere else.
    pub dossier: String,
}

impl RecordOutcome {
    /// Computes everything for `rec`, after taking the findings already made about it
    /// (`earlier`: the reader's, the pseudonymiser's). `audit`: compute the audit's counts.
    /// Reuses this value's buffers.
    pub fn compute(&mut self, rec: &Record, earlier: &mut Vec<Finding>, audit: bool) {
        self.row = rec.row;
        self.line = rec.line;
        self.present = rec.present_mask();
        self.findings.clear();
        self.findings.append(earlier);
        self.facts = check_with_facts(rec, &mut self.findings);
        self.keys = Some(RecordKeys::of(rec));
        self.hits = if audit {
            AuditHits::of(rec, &self.facts)
        } else {
            AuditHits::default()
        };
        self.person = person_hash(rec.get(ids::NUMANONYM));
        self.dossier.clear();
        self.dossier.push_str(rec.identity.numdo.expose());
    }

    /// Appends the encoding of this outcome to `out` (for the engine worker; see
    /// `split.rs`). Rows and lines are the segment's own.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut o = Out(out);
        o.u64(self.row);
        o.u64(self.line);
        o.u128(self.present);
        o.u128(self.facts.filled);
        o.u128(self.facts.informative);
        o.u16(self.hits.to_bits());
        if let Some(keys) = &self.keys {
            keys.encode(&mut o);
        }
        o.u32(u32::try_from(self.findings.len()).unwrap_or(u32::MAX));
        for f in &self.findings {
            f.encode(&mut o);
        }
        o.u64(self.person);
        o.str(&self.dossier);
    }

    /// Decodes the next outcome encoded by [`RecordOutcome::encode`] into this value, adding
    /// `rows` and `lines` to its row and line numbers (the segment's place in the file).
    pub fn decode(&mut self, i: &mut In<'_>, rows: u64, lines: u64) -> Result<(), WireError> {
        self.row = i.u64()? + rows;
        self.line = i.u64()? + lines;
        self.present = i.u128()?;
        self.facts = CellFacts {
            filled: i.u128()?,
            informative: i.u128()?,
        };
        self.hits = AuditHits::from_bits(i.u16()?);
        self.keys = Some(RecordKeys::decode(i, self.row, self.line, rows, lines)?);
        let n = i.u32()?;
        self.findings.clear();
        for _ in 0..n {
            self.findings.push(Finding::decode(i, rows, lines)?);
        }
        self.person = i.u64()?;
        self.dossier.clear();
        self.dossier.push_str(i.str()?);
        Ok(())
    }
}
