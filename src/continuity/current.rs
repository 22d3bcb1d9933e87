//! This year's file, streamed against last year's state: each record is matched to last
//! year's young person (through `NUMANONYMANT` when it differs from `NUMANONYM` and is known,
//! else through `NUMANONYM`), ends and starts are marked on last year's segments and
//! decisions at once, and what needs the whole file — the renewals, linked by the one rule
//! to last year's and this year's segments, and the ends whose opening may come later — is
//! kept as compact events and settled by [`CurrentSink::finish`].

use super::arena::Arena;
use super::facts::{AgeClass, FileFacts, Identity};
use super::previous::{Event, PreviousYear, ENDED, RENEWED_NOW, STARTED};
use crate::dictionary::ids;
use crate::finding::{finding, Code, Finding};
use crate::read;
use crate::record::Record;
use crate::report::FindingStore;
use crate::rules::file::segments::{renewed_segment, Segment};
use crate::rules::file::{id_hash, key_year, PassThroughState};
use std::collections::HashMap;

/// A young person of this year's file (8 bytes).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CurPerson {
    /// Its `NUMANONYM` is a `NUMANONYM` of last year's file.
    direct: bool,
    /// One of its records has a `NUMANONYMANT`, other than its `NUMANONYM`, that is.
    via: bool,
    /// An identity change was reported for it.
    identity_changed: bool,
    age: AgeClass,
}

/// A line of this year's file kept for the renewals: an opening (TYPEV 1 or 2) with a known
/// `DATDEB` of a young person matched to one of last year's who had a segment open at the
/// end of the year.
#[derive(Debug, Clone, Copy)]
struct Opening {
    /// Last year's young person it is matched to.
    matched: u64,
    event: Event,
}

/// An end of this year's file whose `DATDEB` falls in last year's reference year and which
/// last year's file does not open: an end without opening unless this year's file opens it.
#[derive(Debug, Clone, Copy)]
struct LooseEnd {
    person: u64,
    datdeb: u32,
    row: u32,
    line: u32,
}

/// Reads this year's file against last year's.
#[derive(Debug)]
pub(crate) struct CurrentSink {
    pub prev: PreviousYear,
    pub facts: FileFacts,
    pub persons: HashMap<u64, CurPerson, PassThroughState>,
    openings: Arena<Opening>,
    loose_ends: Vec<LooseEnd>,
    /// (person, `DATDEB`) of this year's openings dated in last year's reference year.
    late_openings: Vec<(u64, u32)>,
    prev_year: Option<u16>,
    pub store: FindingStore,
    pub identity_changes: u64,
    pub numanonymant_unknown: u64,
}

impl CurrentSink {
    pub fn new(prev: PreviousYear, max_findings: usize) -> Self {
        let prev_year = prev.reference_year.and_then(|y| u16::try_from(y).ok());
        CurrentSink {
            prev,
            facts: FileFacts::default(),
            persons: HashMap::default(),
            openings: Arena::default(),
            loose_ends: Vec::new(),
            late_openings: Vec::new(),
            prev_year,
            store: FindingStore::new(max_findings),
            identity_changes: 0,
            numanonymant_unknown: 0,
        }
    }
}

impl read::Sink for CurrentSink {
    fn record(&mut self, rec: &Record, _findings: &mut Vec<Finding>) {
        self.facts.observe(rec);
        let person = id_hash(rec.get(ids::NUMANONYM));
        let ant = id_hash(rec.get(ids::NUMANONYMANT));
        let direct = person != 0 && self.prev.persons.contains_key(&person);
        let other_ant = ant != 0 && ant != person;
        let via = other_ant && self.prev.persons.contains_key(&ant);
        if other_ant && !via {
            self.numanonymant_unknown += 1;
            self.store.add(&finding(
                Code::ContinuityNumanonymantUnknown,
                Some(rec.row),
                Some(rec.line),
                Some("NUMANONYMANT"),
                &[],
            ));
        }
        if person == 0 {
            return;
        }
        // Matched through NUMANONYMANT when it is a previous identifier, else through
        // NUMANONYM (an unknown NUMANONYMANT is reported above and matches nothing).
        let matched = if via {
            Some(ant)
        } else if direct {
            Some(person)
        } else {
            None
        };
        let me = self.persons.entry(person).or_default();
        me.direct |= direct;
        me.via |= via;
        me.age.observe(rec);
        let event = Event::of(rec, person).filter(Event::in_segment);
        let Some(m) = matched else {
            // A young person new this year: only an end without opening may concern it.
            if let Some(e) = event {
                self.unmatched_event(e);
            }
            return;
        };
        let Some(before) = self.prev.persons.get(&m).copied() else {
            return;
        };
        if !me.identity_changed {
            let changes = before.identity.changes(Identity::of(rec));
            if let Some((var, _, _)) = changes.first() {
                me.identity_changed = true;
                self.identity_changes += 1;
                let text: Vec<String> = changes
                    .iter()
                    .map(|(v, a, b)| format!("{v} {a} l'an dernier, {b} cette année"))
                    .collect();
                self.store.add(&finding(
                    Code::ContinuityIdentityChange,
                    Some(rec.row),
                    Some(rec.line),
                    Some(var),
                    &[("changes", &text.join(" ; "))],
                ));
            }
        }
        let Some(e) = event else {
            return;
        };
        if e.typev == 3 {
            match self.prev.segment_at(m, e.datdeb) {
                Some(i) => {
                    let s = &mut self.prev.segments[i];
                    if s.open_at_end() {
                        s.flags |= ENDED;
                    }
                }
                None => self.unmatched_event(e),
            }
            return;
        }
        // The start of a decision not started last year.
        if let Some(d) = self.prev.pending_decision(m, e.datdecpe) {
            self.prev.decisions[d].flags |= STARTED;
        }
        self.unmatched_event(e);
        if before.has_open {
            self.openings.push(Opening {
                matched: m,
                event: e,
            });
        }
    }

    fn file_finding(&mut self, _f: Finding) {}
}

impl CurrentSink {
    /// A line of this year with a known `DATDEB` that last year's file does not open: an end
    /// dated last year may be an end without opening (settled at the end, once this year's
    /// own openings are known); an opening dated last year is one of those.
    fn unmatched_event(&mut self, e: Event) {
        if self.prev_year.is_none() || key_year(e.datdeb) != self.prev_year {
            return;
        }
        if e.typev == 3 {
            self.loose_ends.push(LooseEnd {
                person: e.person,
                datdeb: e.datdeb,
                row: e.row,
                line: e.line,
            });
        } else {
            self.late_openings.push((e.person, e.datdeb));
        }
    }

    /// Ends this year's file: links its renewals to last year's segments (the one rule,
    /// over both years' segments of the young person), and reports the renewals without
    /// end and the ends without opening, in row order. Returns the renewals without end
    /// and the ends without opening found.
    pub fn finish(&mut self) -> (u64, u64) {
        // Renewals: this year's openings by person, then DATDEB.
        let mut openings = std::mem::take(&mut self.openings).into_vec();
        openings.sort_unstable_by_key(|o| (o.event.person, o.event.datdeb, o.event.row));
        let mut candidates: Vec<Segment> = Vec::new();
        // (row, line, segment renewed, the renewal's DATDEB)
        let mut renewed: Vec<(u32, u32, usize, u32)> = Vec::new();
        let mut heads: Vec<(Segment, bool)> = Vec::new();
        for group in openings.chunk_by(|a, b| a.event.person == b.event.person) {
            // This year's segments of the young person: each DATDEB, and whether a TYPEV 1
            // line opens it.
            heads.clear();
            for same in group.chunk_by(|a, b| a.event.datdeb == b.event.datdeb) {
                let typev1 = same.iter().any(|o| o.event.typev == 1);
                let head = same.iter().find(|o| o.event.typev == 1).unwrap_or(&same[0]);
                heads.push((head.event.segment(), typev1));
            }
            for o in group.iter().filter(|o| o.event.typev == 2) {
                let r = o.event;
                if !matches!(r.decision, 1 | 2) {
                    continue;
                }
                // Last year's segments first, then this year's (a tie goes to this year's).
                let range = self.prev.segments_of(o.matched);
                candidates.clear();
                candidates.extend(self.prev.segments[range.clone()].iter().map(Event::segment));
                let from_prev = candidates.len();
                candidates.extend(
                    heads
                        .iter()
                        .filter(|(s, typev1)| s.datdeb != r.datdeb || *typev1)
                        .map(|(s, _)| *s),
                );
                let Some(k) = renewed_segment(&candidates, &r.segment()) else {
                    continue;
                };
                if k < from_prev {
                    let i = range.start + k;
                    let s = self.prev.segments[i];
                    if s.open_at_end() && !s.has(ENDED) && s.datdeb != r.datdeb {
                        renewed.push((r.row, r.line, i, r.datdeb));
                    }
                }
            }
        }
        drop(openings);
        // One finding per renewed segment, on its first renewal line.
        renewed.sort_unstable_by_key(|&(row, _, i, _)| (i, row));
        renewed.dedup_by_key(|&mut (_, _, i, _)| i);
        renewed.sort_unstable();
        for &(row, line, i, datdeb) in &renewed {
            self.prev.segments[i].flags |= RENEWED_NOW;
            self.store.add(&finding(
                Code::ContinuityRenewedWithoutEnd,
                Some(u64::from(row)),
                Some(u64::from(line)),
                Some("TYPEV"),
                &[
                    ("datdeb", &super::key_text(datdeb)),
                    ("renewed", &super::key_text(self.prev.segments[i].datdeb)),
                ],
            ));
        }
        // Ends without opening: not opened by this year's file either.
        let mut late = std::mem::take(&mut self.late_openings);
        late.sort_unstable();
        late.dedup();
        let mut ends = std::mem::take(&mut self.loose_ends);
        ends.retain(|e| late.binary_search(&(e.person, e.datdeb)).is_err());
        ends.sort_unstable_by_key(|e| e.row);
        for e in &ends {
            self.store.add(&finding(
                Code::ContinuityEndWithoutOpening,
                Some(u64::from(e.row)),
                Some(u64::from(e.line)),
                Some("DATDEB"),
                &[("datdeb", &super::key_text(e.datdeb))],
            ));
        }
        (renewed.len() as u64, ends.len() as u64)
    }

    /// This year's young people, those found last year, and those found only through
    /// `NUMANONYMANT`.
    pub fn chaining(&self) -> (u64, u64, u64) {
        let mut found = 0;
        let mut via = 0;
        for p in self.persons.values() {
            if p.direct || p.via {
                found += 1;
                if !p.direct {
                    via += 1;
                }
            }
        }
        (self.persons.len() as u64, found, via)
    }

    /// Minors and young adults at their latest decision.
    pub fn ages(&self) -> (u64, u64) {
        let minors = self.persons.values().filter(|p| p.age.minor()).count();
        let adults = self.persons.values().filter(|p| p.age.adult()).count();
        (minors as u64, adults as u64)
    }
}
