//! Pass 2: the uncapped findings CSV. Some row findings are only decided at the end of the
//! file (out of perimeter needs the reference year; an end may precede its opening), so
//! rather than keeping every finding, pass 2 re-reads the input with what pass 1 decided
//! ([`FindingsPlan`]) and merges the deferred findings in row order.

use super::core::FindingsMode;
use super::options::Options;
use super::run::{Draining, Engine, SheetProgress};
use super::FindingsPlan;
use super::{Chunk, OutputFile};
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

    /// Feeds a chunk; returns the findings CSV bytes ready so far (the internal corrections
    /// list's, with `Options::corrections`: [`FindingsCsvPass::take_corrections`]).
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.push(chunk)?;
        Ok(std::mem::take(&mut self.inner.core.csv_out))
    }

    /// The internal corrections list's bytes ready so far (empty without
    /// `Options::corrections`).
    pub fn take_corrections(&mut self) -> Vec<u8> {
        self.inner
            .core
            .corrections_out
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Ends; returns the last findings CSV bytes and the last corrections list's.
    pub fn finish_both(self) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let (mut csv, mut corr) = (Vec::new(), Vec::new());
        let (last_csv, last_corr) = self.finish_with(&mut |c, k, _| {
            csv.extend_from_slice(&c);
            corr.extend_from_slice(&k);
            Ok(())
        })?;
        csv.extend_from_slice(&last_csv);
        corr.extend_from_slice(&last_corr);
        Ok((csv, corr))
    }

    /// [`FindingsCsvPass::finish_both`], telling `on_pause` the findings CSV's and the
    /// corrections list's bytes produced so far while a workbook is read; returns the last
    /// bytes of each.
    pub fn finish_with(
        mut self,
        on_pause: &mut dyn FnMut(Vec<u8>, Vec<u8>, SheetProgress) -> Result<(), Error>,
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        self.inner.segment_done()?;
        let mut pause = |chunks: Vec<Chunk>, p: SheetProgress| {
            let (mut csv, mut corr) = (Vec::new(), Vec::new());
            for c in chunks {
                match c.file {
                    OutputFile::Corrections => corr.extend_from_slice(&c.bytes),
                    _ => csv.extend_from_slice(&c.bytes),
                }
            }
            on_pause(csv, corr, p)
        };
        self.inner.reader.finish(&mut Draining {
            core: &mut self.inner.core,
            on_pause: &mut pause,
        })?;
        self.inner.core.drain_rules_thread();
        let core = &mut self.inner.core;
        if let FindingsMode::Csv { deferred, .. } = &mut core.findings_mode {
            while let Some(d) = deferred.pop_front() {
                let f = d.finding();
                write::findings_csv::row(&f, &mut core.csv_out);
                if let Some(out) = &mut core.corrections_out {
                    write::findings_csv::correction(&f, "", out);
                }
            }
        }
        let csv = std::mem::take(&mut core.csv_out);
        Ok((csv, self.take_corrections()))
    }

    /// Ends; returns the last findings CSV bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        Ok(self.finish_both()?.0)
    }
}
