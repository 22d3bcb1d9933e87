//! Last year's file, read first into a compact state: one entry per young person and one
//! [`Event`] per line that opens or ends a measure while it is read; at its end, the lines
//! are sorted and folded into the segments (docs/spec/OLINPE.md §0.2 "Segments and
//! renewals") and the decisions not started yet that this year's file must continue.

use super::arena::Arena;
use super::facts::{AgeClass, FileFacts, Identity};
use crate::dictionary::ids;
use crate::finding::Finding;
use crate::read;
use crate::record::Record;
use crate::rules::file::segments::{renewed_segment, Segment};
use crate::rules::file::{code_byte, date_key, id_hash, key_year, PassThroughState};
use crate::rules::record::is_decision_not_started;
use std::collections::HashMap;

/// One line that opens (TYPEV 1 or 2) or ends (TYPEV 3) a measure, or a decision not started
/// yet — and, after [`PreviousSink::finish`], one segment or one such decision (32 bytes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event {
    /// [`id_hash`] of `NUMANONYM` (never 0 here).
    pub person: u64,
    /// [`date_key`] of `DATDEB` (`1 + AAAAMMJJ`).
    pub datdeb: u32,
    /// [`date_key`] of `DATDECPE`.
    pub datdecpe: u32,
    /// Data row and physical line (32 bits, as in `rules::file`).
    pub row: u32,
    pub line: u32,
    /// 1, 2 or 3.
    pub typev: u8,
    /// `DECISION`: 1, 2; 0 empty; 3 other.
    pub decision: u8,
    /// `NATPDECADM` (decision 1) or `NATDECASSED` (decision 2) as a [`code_byte`]; 255
    /// otherwise.
    pub nature: u8,
    /// [`NOT_STARTED`] and, on a segment, what is known of it ([`TYPEV1`], [`CLOSED`],
    /// [`RENEWED`], then this year's [`ENDED`], [`RENEWED_NOW`], [`STARTED`]).
    pub flags: u8,
}

/// The line is a decision not started yet (TYPEV 1 or 2, `DATDEB` empty or `9999-99-99`).
pub(crate) const NOT_STARTED: u8 = 1;
/// A segment opened by a TYPEV 1 line (a TYPEV 2 line opens the others).
pub(crate) const TYPEV1: u8 = 1 << 1;
/// A segment closed by a TYPEV 3 line in last year's file.
pub(crate) const CLOSED: u8 = 1 << 2;
/// A segment renewed by a later TYPEV 2 line of last year's file (linking rule).
pub(crate) const RENEWED: u8 = 1 << 3;
/// Open at the end of last year, ended by a TYPEV 3 line of this year's file.
pub(crate) const ENDED: u8 = 1 << 4;
/// Open at the end of last year, renewed by a TYPEV 2 line of this year's file.
pub(crate) const RENEWED_NOW: u8 = 1 << 5;
/// A decision not started last year whose start line is in this year's file.
pub(crate) const STARTED: u8 = 1 << 6;
/// Kept at the end of last year's file: a segment's opening line, or a decision not started.
const KEEP: u8 = 1 << 7;

impl Event {
    /// The event of `rec`, if it is one: a young person, TYPEV 1, 2 or 3.
    pub fn of(rec: &Record, person: u64) -> Option<Event> {
        let typev = match rec.get(ids::TYPEV) {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            _ => return None,
        };
        if person == 0 {
            return None;
        }
        let decision = match rec.get(ids::DECISION) {
            "" => 0,
            "1" => 1,
            "2" => 2,
            _ => 3,
        };
        let nature = match decision {
            1 => code_byte(rec.get(ids::NATPDECADM)),
            2 => code_byte(rec.get(ids::NATDECASSED)),
            _ => 255,
        };
        Some(Event {
            person,
            datdeb: date_key(rec.get(ids::DATDEB)),
            datdecpe: date_key(rec.get(ids::DATDECPE)),
            row: u32::try_from(rec.row).unwrap_or(u32::MAX),
            line: u32::try_from(rec.line).unwrap_or(u32::MAX),
            typev,
            decision,
            nature,
            flags: if is_decision_not_started(rec) {
                NOT_STARTED
            } else {
                0
            },
        })
    }

    /// Its `DATDEB` has a known year: it belongs to a segment.
    pub fn in_segment(&self) -> bool {
        key_year(self.datdeb).is_some()
    }

    /// What the linking rule needs.
    pub fn segment(&self) -> Segment {
        Segment {
            datdeb: self.datdeb,
            decision: self.decision,
            nature: self.nature,
        }
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// A segment open at the end of last year: opened there, neither closed nor renewed.
    pub fn open_at_end(&self) -> bool {
        !self.has(CLOSED) && !self.has(RENEWED)
    }

    /// The date of its last decision (`DATDECPE`, else `DATDEB`) as a date key; 0 when
    /// neither has a known year.
    pub fn decision_key(&self) -> u32 {
        if key_year(self.datdecpe).is_some() {
            self.datdecpe
        } else if key_year(self.datdeb).is_some() {
            self.datdeb
        } else {
            0
        }
    }
}

/// A young person of last year's file (12 bytes).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PrevPerson {
    /// The first known `ANAIS`, `MNAIS`, `SEXE`.
    pub identity: Identity,
    /// Age class at the latest decision.
    pub age: AgeClass,
    /// Has a segment open at the end of the year (set by [`PreviousSink::finish`]).
    pub has_open: bool,
}

/// Reads last year's file.
#[derive(Debug, Default)]
pub(crate) struct PreviousSink {
    pub facts: FileFacts,
    pub persons: HashMap<u64, PrevPerson, PassThroughState>,
    events: Arena<Event>,
}

impl read::Sink for PreviousSink {
    fn record(&mut self, rec: &Record, _findings: &mut Vec<Finding>) {
        self.facts.observe(rec);
        let person = id_hash(rec.get(ids::NUMANONYM));
        if person == 0 {
            return;
        }
        let p = self.persons.entry(person).or_default();
        p.identity.fill_from(Identity::of(rec));
        p.age.observe(rec);
        if let Some(e) = Event::of(rec, person) {
            self.events.push(e);
        }
    }

    // Reading findings belong to each file's own check, not to continuity.
    fn file_finding(&mut self, _f: Finding) {}
}

/// Last year, folded: its counts, its young people, its segments and its decisions not
/// started yet.
#[derive(Debug)]
pub(crate) struct PreviousYear {
    pub facts: FileFacts,
    pub reference_year: Option<i32>,
    pub persons: HashMap<u64, PrevPerson, PassThroughState>,
    /// Every segment (closed and renewed ones too: the linking rule may choose them), by
    /// person then `DATDEB`, each represented by its opening line.
    pub segments: Vec<Event>,
    /// The decisions of the reference year not started yet, by person then `DATDECPE`.
    pub decisions: Vec<Event>,
}

impl PreviousSink {
    /// Ends last year's file: segments, renewals within the file, decisions not started.
    pub fn finish(self) -> PreviousYear {
        let PreviousSink {
            facts,
            mut persons,
            events,
        } = self;
        let mut events = events.into_vec();
        let reference_year = facts.reference_year(None);
        let ref_year = reference_year.and_then(|y| u16::try_from(y).ok());
        events.sort_unstable_by_key(|e| (e.person, e.datdeb, e.row));
        let mut openings: Vec<usize> = Vec::new();
        let mut candidates: Vec<Segment> = Vec::new();
        let mut candidate_of: Vec<usize> = Vec::new();
        for group in events.chunk_by_mut(|a, b| a.person == b.person) {
            // Segments: each DATDEB with a known year opened by a TYPEV 1 or 2 line,
            // represented by its TYPEV 1 line when there is one.
            openings.clear();
            let mut start = 0;
            while start < group.len() {
                let datdeb = group[start].datdeb;
                let end = start
                    + group[start..]
                        .iter()
                        .take_while(|e| e.datdeb == datdeb)
                        .count();
                let same = &group[start..end];
                if key_year(datdeb).is_some() {
                    let first1 = same.iter().position(|e| e.typev == 1);
                    let first2 = same.iter().position(|e| e.typev == 2);
                    let closed = same.iter().any(|e| e.typev == 3);
                    if let Some(k) = first1.or(first2) {
                        let head = &mut group[start + k];
                        head.flags |= KEEP;
                        if first1.is_some() {
                            head.flags |= TYPEV1;
                        }
                        if closed {
                            head.flags |= CLOSED;
                        }
                        openings.push(start + k);
                    }
                }
                start = end;
            }
            // Renewals within last year's file, by the one linking rule: the segment a
            // renewal continues is not open at the end of the year any more.
            for r in 0..group.len() {
                let e = group[r];
                if e.typev != 2 || !e.in_segment() || !matches!(e.decision, 1 | 2) {
                    continue;
                }
                candidates.clear();
                candidate_of.clear();
                for &k in &openings {
                    let g = group[k];
                    // Its own segment only when a TYPEV 1 line opens it too.
                    if g.datdeb != e.datdeb || g.has(TYPEV1) {
                        candidates.push(g.segment());
                        candidate_of.push(k);
                    }
                }
                if let Some(k) = renewed_segment(&candidates, &e.segment()) {
                    let s = candidate_of[k];
                    // The same dates renew nothing new (`renewal-same-dates`).
                    if group[s].datdeb != e.datdeb {
                        group[s].flags |= RENEWED;
                    }
                }
            }
            // Decisions of the reference year not started yet.
            for e in group.iter_mut() {
                if e.has(NOT_STARTED) && ref_year.is_some() && key_year(e.datdecpe) == ref_year {
                    e.flags |= KEEP;
                }
            }
            if let Some(&k) = openings.iter().find(|&&k| group[k].open_at_end()) {
                if let Some(p) = persons.get_mut(&group[k].person) {
                    p.has_open = true;
                }
            }
        }
        let mut decisions: Vec<Event> = events
            .iter()
            .filter(|e| e.has(KEEP) && e.has(NOT_STARTED))
            .copied()
            .collect();
        decisions.sort_unstable_by_key(|e| (e.person, e.datdecpe, e.row));
        events.retain(|e| e.has(KEEP) && !e.has(NOT_STARTED));
        events.shrink_to_fit();
        PreviousYear {
            facts,
            reference_year,
            persons,
            segments: events,
            decisions,
        }
    }
}

impl PreviousYear {
    /// The segments of `person`, by `DATDEB` (indices `range` into `segments`).
    pub fn segments_of(&self, person: u64) -> std::ops::Range<usize> {
        let lo = self.segments.partition_point(|s| s.person < person);
        let hi = lo + self.segments[lo..].partition_point(|s| s.person == person);
        lo..hi
    }

    /// The segment of `person` opened on `datdeb`, if last year's file has it.
    pub fn segment_at(&self, person: u64, datdeb: u32) -> Option<usize> {
        self.segments
            .binary_search_by_key(&(person, datdeb), |s| (s.person, s.datdeb))
            .ok()
    }

    /// The first decision of `person` decided on `datdecpe` not yet started this year.
    pub fn pending_decision(&self, person: u64, datdecpe: u32) -> Option<usize> {
        let lo = self
            .decisions
            .partition_point(|d| (d.person, d.datdecpe) < (person, datdecpe));
        self.decisions[lo..]
            .iter()
            .take_while(|d| (d.person, d.datdecpe) == (person, datdecpe))
            .position(|d| !d.has(STARTED))
            .map(|k| lo + k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_compact() {
        assert_eq!(std::mem::size_of::<Event>(), 32);
        assert!(std::mem::size_of::<PrevPerson>() <= 16);
    }
}
