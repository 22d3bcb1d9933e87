//! The record rules on a second thread (command line, `check` and its findings pass).
//!
//! The record rules are a pure function of one record ([`rules::record::check_with_facts`]),
//! and the costliest part of a check. With this pipeline the calling thread reads and parses
//! the input and runs everything that depends on the order of the records (statistics,
//! audit and file-rule state, the capped selection of findings), while a second thread runs
//! on batches of records what depends on one record alone (a [`RecordOutcome`]: the record
//! rules' findings, cell facts, the file rules' keys, the audit's counts). Batches come back in the order they were sent and
//! are finished in that order, so the report and the findings CSV are byte-identical to a
//! run on one thread (the tests and the benchmark compare them).
//!
//! Never used in WebAssembly (the page's worker runs the engine on one thread).

use super::outcome::RecordOutcome;
use crate::finding::Finding;
use crate::record::Record;
use std::sync::mpsc;
use std::thread;

/// Records per batch sent to the rules thread.
const BATCH: usize = 256;
/// Batches sent and not yet finished, at most (bounds the memory: ~1 KB per record).
const DEPTH: usize = 4;

/// One record on its way through the pipeline.
#[derive(Debug, Default)]
pub(super) struct Slot {
    pub rec: Record,
    /// The reader's findings about the record (moved into the outcome by the rules thread).
    pub reading: Vec<Finding>,
    /// Everything that depends on this record alone, computed by the rules thread.
    pub outcome: RecordOutcome,
}

impl Slot {
    /// Everything that depends on this record alone.
    fn prepare(&mut self) {
        self.outcome.compute(&self.rec, &mut self.reading, true);
    }
}

/// The rules thread and the batches in flight.
pub(super) struct RulesThread {
    to: Option<mpsc::Sender<Vec<Slot>>>,
    from: mpsc::Receiver<Vec<Slot>>,
    handle: Option<thread::JoinHandle<()>>,
    filling: Vec<Slot>,
    /// Slots and batch vectors to reuse (their buffers keep their capacity).
    spare_slots: Vec<Slot>,
    spare_batches: Vec<Vec<Slot>>,
    in_flight: usize,
    /// Batches checked on the calling thread because the rules thread was gone.
    local: Vec<Vec<Slot>>,
}

impl RulesThread {
    /// Starts the thread; `None` when the platform cannot (the caller then runs the rules
    /// itself).
    pub(super) fn start() -> Option<Self> {
        let (to, work) = mpsc::channel::<Vec<Slot>>();
        let (done, from) = mpsc::channel::<Vec<Slot>>();
        let handle = thread::Builder::new()
            .name("olinpe-regles".into())
            .spawn(move || {
                while let Ok(mut batch) = work.recv() {
                    for s in &mut batch {
                        s.prepare();
                    }
                    if done.send(batch).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(RulesThread {
            to: Some(to),
            from,
            handle: Some(handle),
            filling: Vec::with_capacity(BATCH),
            spare_slots: Vec::new(),
            spare_batches: Vec::new(),
            in_flight: 0,
            local: Vec::new(),
        })
    }

    /// Queues a record with its reading findings (taken from `reading`); returns the
    /// batches whose rules are done, oldest first, to be finished by the caller in order.
    pub(super) fn push(&mut self, rec: &Record, reading: &mut Vec<Finding>) -> Vec<Vec<Slot>> {
        let mut slot = self.spare_slots.pop().unwrap_or_default();
        slot.rec.clone_from(rec);
        slot.reading.clear();
        slot.reading.append(reading);
        self.filling.push(slot);
        let mut ready = Vec::new();
        if self.filling.len() >= BATCH {
            if self.in_flight >= DEPTH {
                // Wait for the oldest batch before sending more.
                if let Ok(b) = self.from.recv() {
                    self.in_flight -= 1;
                    ready.push(b);
                }
            }
            self.send();
        }
        while let Ok(b) = self.from.try_recv() {
            self.in_flight -= 1;
            ready.push(b);
        }
        ready.append(&mut self.local);
        ready
    }

    fn send(&mut self) {
        let next = self
            .spare_batches
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(BATCH));
        let batch = std::mem::replace(&mut self.filling, next);
        if batch.is_empty() {
            return;
        }
        let failed = match &self.to {
            Some(to) => match to.send(batch) {
                Ok(()) => {
                    self.in_flight += 1;
                    None
                }
                Err(mpsc::SendError(batch)) => Some(batch),
            },
            None => Some(batch),
        };
        // The thread is gone (it cannot be, short of an abort): run the rules here.
        if let Some(mut batch) = failed {
            for s in &mut batch {
                s.prepare();
            }
            self.local.push(batch);
        }
    }

    /// Sends the partial batch and waits for every batch in flight; returns them in order.
    pub(super) fn drain(&mut self) -> Vec<Vec<Slot>> {
        let mut ready = Vec::new();
        self.send();
        while self.in_flight > 0 {
            match self.from.recv() {
                Ok(b) => {
                    self.in_flight -= 1;
                    ready.push(b);
                }
                Err(_) => break,
            }
        }
        ready.append(&mut self.local);
        ready
    }

    /// Gives back a finished batch's slots and vector for reuse.
    pub(super) fn recycle(&mut self, mut batch: Vec<Slot>) {
        if self.spare_slots.len() < BATCH * (DEPTH + 2) {
            self.spare_slots.append(&mut batch);
        }
        batch.clear();
        if self.spare_batches.len() < DEPTH + 2 {
            self.spare_batches.push(batch);
        }
    }
}

impl Drop for RulesThread {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.to = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
