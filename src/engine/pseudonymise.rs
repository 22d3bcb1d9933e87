//! `pseudonymise`, record by record: the identity becomes `NUMANONYM` (ONPE level 1), the
//! record is written to the transmission files, then checked like in `check` (row numbers
//! stay the input's). Also last year's file (`--previous`), read first to tell which variant
//! reproduces its identifiers.

use super::core::Core;
use super::Rejected;
use crate::dictionary::ids;
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::read::{self, ReadOptions, Reader};
use crate::record::Record;
use std::collections::HashSet;

impl Core {
    /// One record of `pseudonymise` (its reading findings are already in the batch).
    pub(super) fn pseudonymise_record(&mut self, rec: &Record) {
        let row = rec.row;
        self.scratch.clone_from(rec);
        let mut scratch = std::mem::take(&mut self.scratch);
        if let Some(p) = &mut self.probe {
            p.observe_identity(&scratch);
        }
        let from = self.batch.len();
        let outcome = match &self.pseudonymiser {
            Some(p) => p.apply(&mut scratch, &mut self.batch),
            None => Ok(()),
        };
        if self.batch[from..]
            .iter()
            .any(|f| f.code == Code::IdentitySubstitutedNumdo)
        {
            self.numdo_rows += 1;
        }
        match outcome {
            Ok(()) => {
                self.rows.written += 1;
                self.write_outputs(&scratch);
            }
            Err(reason) => {
                self.rows.rejected += 1;
                self.rejected.push(Rejected {
                    row,
                    reason: reason.reason,
                });
            }
        }
        let before = self.batch.len();
        self.check(&scratch);
        if scratch.is_empty(ids::NUMANONYM) {
            // A rejected row is still checked (its other problems must be fixed too), but its
            // missing identifiers are already explained by identity-missing. The findings
            // before `before` (the reader's, the pseudonymiser's) come first in the batch.
            let mut i = before;
            while i < self.batch.len() {
                let f = &self.batch[i];
                let about_id = matches!(
                    f.variable.as_deref(),
                    Some("NUMANONYM") | Some("NUMANONYMANT")
                );
                if about_id && f.code == Code::MandatoryMissing {
                    self.batch.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        self.scratch = scratch;
        self.emit_batch(row);
    }
}

/// Last year's identifiers, read from last year's file (`--previous`).
#[derive(Debug, Clone, Default)]
pub struct PreviousIds {
    /// Distinct NUMANONYM values, as received.
    pub ids: HashSet<String>,
}

/// Reads last year's file (any format the readers accept) and keeps its NUMANONYM values.
pub struct PreviousReader {
    reader: Reader,
    sink: PreviousSink,
}

struct PreviousSink(PreviousIds);

impl read::Sink for PreviousSink {
    fn record(&mut self, rec: &Record, _findings: &mut Vec<Finding>) {
        let v = rec.get(ids::NUMANONYM);
        if !v.is_empty() {
            self.0.ids.insert(v.to_owned());
        }
    }
    fn file_finding(&mut self, _f: Finding) {}
}

impl PreviousReader {
    /// A reader for last year's file, with this year's column mapping.
    pub fn new(map_file: Option<String>) -> Result<Self, Error> {
        Ok(PreviousReader {
            reader: Reader::new(ReadOptions {
                map_file,
                ..ReadOptions::default()
            })?,
            sink: PreviousSink(PreviousIds::default()),
        })
    }
    /// Feeds a chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.reader.push(chunk, &mut self.sink)
    }
    /// Ends; the identifiers.
    pub fn finish(mut self) -> Result<PreviousIds, Error> {
        self.reader.finish(&mut self.sink)?;
        Ok(self.sink.0)
    }
}
