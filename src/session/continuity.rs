//! The continuity job (`olinpe continuity`, the page's « Continuité » section): last year's
//! file, then this year's, through [`crate::continuity`]; one artifact, the continuity JSON
//! ([`Artifact::ContinuityJson`], named after this year's file), hashed like every output.
//!
//! Push-style like [`super::Session`]: the command line reads two files
//! ([`ContinuityJob::run`]); the page's worker pushes last year's `File` and then this year's
//! — in *Préparer la transmission*, the transmission CSV the run just produced, so the two
//! years are compared on this year's identifiers.

use super::artifact::Artifact;
use super::{Feed, Output};
use crate::continuity::{Continuity, Options, Outcome};
use crate::error::{Error, ErrorKind};
use sha2::{Digest, Sha256};

/// One continuity check as a job.
pub struct ContinuityJob {
    check: Continuity,
    /// This year's file's name (the artifact's name comes from it).
    input_name: String,
    training: bool,
    outcome: Option<Outcome>,
    sha256: Option<String>,
}

impl ContinuityJob {
    /// A job with `opts` (`training`: the training mode's names, `FORMATION-…`).
    pub fn new(opts: Options, training: bool) -> Result<Self, Error> {
        let input_name = opts.current_name.clone();
        Ok(ContinuityJob {
            check: Continuity::new(opts)?,
            input_name,
            training,
            outcome: None,
            sha256: None,
        })
    }

    /// Feeds a chunk of last year's file.
    pub fn push_previous(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.check.push_previous(chunk)
    }

    /// Ends last year's file.
    pub fn finish_previous(&mut self) -> Result<(), Error> {
        self.check.finish_previous()
    }

    /// Feeds a chunk of this year's file.
    pub fn push_current(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.check.push_current(chunk)
    }

    /// Records read so far in the file being read.
    pub fn rows(&self) -> u64 {
        self.check.rows()
    }

    /// Ends this year's file: the continuity JSON, as an output.
    pub fn finish(&mut self) -> Result<Output, Error> {
        let outcome = self.check.finish()?;
        let bytes = outcome.json.clone();
        self.sha256 = Some(crate::engine::hex(&Sha256::digest(&bytes)));
        self.outcome = Some(outcome);
        Ok(Output {
            artifact: Artifact::ContinuityJson,
            bytes,
        })
    }

    /// What the check found (after [`ContinuityJob::finish`]).
    pub fn outcome(&self) -> Result<&Outcome, Error> {
        self.outcome
            .as_ref()
            .ok_or_else(|| ErrorKind::SessionNotFinished.into())
    }

    /// The continuity JSON's file name.
    pub fn name(&self) -> String {
        Artifact::ContinuityJson.name(&self.input_name, self.training)
    }

    /// The SHA-256 of the continuity JSON (after [`ContinuityJob::finish`]).
    pub fn sha256(&self) -> Option<&str> {
        self.sha256.as_deref()
    }

    /// Runs the whole job over two inputs, each read once.
    pub fn run(
        &mut self,
        previous: &mut Feed<'_>,
        current: &mut Feed<'_>,
    ) -> Result<Output, Error> {
        previous(&mut |chunk| self.push_previous(chunk))?;
        self.finish_previous()?;
        current(&mut |chunk| self.push_current(chunk))?;
        self.finish()
    }
}
