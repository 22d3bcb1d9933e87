//! Benchmark support, outside the library's documented surface: the reader alone, driven by
//! the hidden `olinpe read-only FILE` command that `bench/run.sh` times to measure decoding
//! and record splitting without the rules.

use crate::dictionary::ids;
use crate::error::Error;
use crate::finding::Finding;
use crate::read::{self, ReadOptions, Reader};
use crate::record::Record;

/// The reader alone (no rules, no outputs): used by the benchmark to measure decoding and
/// record splitting on their own.
pub struct ReadOnly {
    reader: Reader,
    sink: CountingSink,
}

#[derive(Default)]
struct CountingSink {
    rows: u64,
    bytes_in_values: u64,
}

impl read::Sink for CountingSink {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.rows += 1;
        // Touch one value so the work cannot be optimised away.
        self.bytes_in_values += rec.get(ids::TYPEV).len() as u64;
        findings.clear();
    }
    fn file_finding(&mut self, _f: Finding) {}
}

impl ReadOnly {
    /// A reader with default options.
    pub fn new() -> Result<Self, Error> {
        Ok(ReadOnly {
            reader: Reader::new(ReadOptions::default())?,
            sink: CountingSink::default(),
        })
    }
    /// Feeds a chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.reader.push(chunk, &mut self.sink)?;
        Ok(())
    }
    /// Ends; the number of records read.
    pub fn finish(mut self) -> Result<u64, Error> {
        self.reader.finish(&mut self.sink)?;
        Ok(self.sink.rows)
    }
}
