//! Pass 2: the uncapped findings CSV. Some row findings are only decided at the end of the
//! file (out of perimeter needs the reference year; an end may precede its opening), so
//! rather than keeping every finding, pass 2 re-reads the input with what pass 1 decided
//! ([`FindingsPlan`]) and merges the deferred findings in row order.

use super::core::FindingsMode;
use super::options::Options;
use super::run::{Draining, Engine, SheetProgress};
use super::Chunk;
use super::FindingsPlan;
use crate::error::Error;
use crate::pseudo::Key;
use crate::write;

/// Pass 2: re-reads the input and writes every finding, uncapped, in order.
pub struct FindingsCsvPass {
    pub(super) inner: Engine,
}

impl FindingsCsvPass {
    /// Starts pass 2 with the same options and key as pass 1 and its plan.
    pub fn new(opts: Options, key: Option<Key>, plan: FindingsPlan) -> Result<Self, Error> {
        Ok(FindingsCsvPass {
            inner: Engine::with_plan(opts, key, Some(plan), None)?,
        })
    }

    /// See [`Engine::use_rules_thread`].
    pub fn use_rules_thread(mut self) -> Self {
        self.inner = self.inner.use_rules_thread();
        self
    }

    /// Feeds a chunk; returns the CSV bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.push(chunk)?;
        Ok(std::mem::take(&mut self.inner.core.csv_out))
    }

    /// Ends; returns the last CSV bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        let mut early = Vec::new();
        let last = self.finish_with(&mut |bytes, _| {
            early.extend_from_slice(&bytes);
            Ok(())
        })?;
        early.extend_from_slice(&last);
        Ok(early)
    }

    /// [`FindingsCsvPass::finish`], telling `on_pause` the CSV bytes produced so far while a
    /// workbook is read; returns the last CSV bytes.
    pub fn finish_with(
        mut self,
        on_pause: &mut dyn FnMut(Vec<u8>, SheetProgress) -> Result<(), Error>,
    ) -> Result<Vec<u8>, Error> {
        self.inner.segment_done()?;
        let mut pause = |chunks: Vec<Chunk>, p: SheetProgress| {
            let mut bytes = Vec::new();
            for c in chunks {
                bytes.extend_from_slice(&c.bytes);
            }
            on_pause(bytes, p)
        };
        self.inner.reader.finish(&mut Draining {
            core: &mut self.inner.core,
            on_pause: &mut pause,
        })?;
        self.inner.core.drain_rules_thread();
        let core = &mut self.inner.core;
        if let FindingsMode::Csv { deferred } = &mut core.findings_mode {
            while let Some(d) = deferred.pop_front() {
                write::findings_csv::row(&d.finding(), &mut core.csv_out);
            }
        }
        Ok(std::mem::take(&mut core.csv_out))
    }
}
