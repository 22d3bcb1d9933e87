//! `rehash` (observatories), record by record: `NUMANONYM` and `NUMANONYMANT` re-hashed with
//! the observatory's key (ONPE level 2), every other value written back unchanged in the
//! input's own format. An identifier that is not 40 hexadecimal characters is reported and
//! re-hashed as received.

use super::core::Core;
use crate::dictionary::ids;
use crate::finding::Code;
use crate::pseudo;
use crate::record::Record;
use serde::Serialize;

/// An identifier that is not 40 hexadecimal characters, met by `rehash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MalformedId {
    /// Input row.
    pub row: u64,
    /// `NUMANONYM` or `NUMANONYMANT`.
    pub variable: &'static str,
}

impl Core {
    /// One record of `rehash` (its reading findings are already in the batch).
    pub(super) fn rehash_record(&mut self, rec: &Record) {
        let row = rec.row;
        self.scratch.clone_from(rec);
        let mut scratch = std::mem::take(&mut self.scratch);
        if let Some(key) = &self.rehash_key {
            for (idx, name) in [
                (ids::NUMANONYM, "NUMANONYM"),
                (ids::NUMANONYMANT, "NUMANONYMANT"),
            ] {
                let v = scratch.get(idx).to_owned();
                if v.is_empty() {
                    continue;
                }
                if !is_hex40(&v) {
                    self.malformed.push(MalformedId {
                        row,
                        variable: name,
                    });
                    let len = v.chars().count().to_string();
                    self.batch.push(crate::finding::finding(
                        Code::RehashIdentifierInvalid,
                        Some(row),
                        Some(rec.line),
                        Some(name),
                        &[("variable", name), ("longueur", &len)],
                    ));
                }
                scratch.set(idx, &pseudo::rehash_id(&v, key));
            }
        }
        if let Some(w) = &mut self.side_writer {
            let mut buf = Vec::new();
            w.record(&scratch, &mut buf);
            self.side_out.write(&buf);
        }
        self.rows.written += 1;
        self.emit_batch(row);
        self.scratch = scratch;
    }
}

fn is_hex40(v: &str) -> bool {
    v.len() == 40 && v.bytes().all(|b| b.is_ascii_hexdigit())
}
