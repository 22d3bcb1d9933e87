//! Continuity between two years: this year's transmission file checked against last year's
//! before it is sent (issue 16; docs/spec/INTERFACES.md "Continuity JSON"; docs/spec/OLINPE.md
//! §0.2 "Segments and renewals", whose one linking rule, `rules::file::segments::
//! renewed_segment`, links this year's renewals to last year's segments; `docs/continuity.md`
//! for people).
//!
//! Push-style like the engine, and in two stages: last year's file is pushed first
//! ([`Continuity::push_previous`], [`Continuity::finish_previous`]) and folded into a compact
//! state ([`previous`]); this year's file is then streamed against it
//! ([`Continuity::push_current`], [`Continuity::finish`], [`current`]). Both go through the
//! same [`crate::read::Reader`] as every other mode, so every format the readers accept is
//! accepted here.
//!
//! What it decides, in one place:
//! - A **segment** is a young person (`NUMANONYM`) and a `DATDEB` with a known year, opened by
//!   a TYPEV 1 or 2 line and closed by a TYPEV 3 line with the same `DATDEB`. It is **open at
//!   the end of last year** when last year's file opens it and neither closes it nor renews
//!   it (a later TYPEV 2 line of the same file linked to it by the linking rule: its missing
//!   end was that year's `renewal-without-end`). This year it is then `ended` (a TYPEV 3 line
//!   with its `DATDEB`), else `renewed_without_end` (a TYPEV 2 line linked to it by the rule,
//!   over both years' segments of the young person, last year's listed first), else
//!   `silent`; `silent_overdue` when its last decision (`DATDECPE`, else `DATDEB`) is more
//!   than two years before the end of this year's reference year.
//! - A **decision not started** last year (a TYPEV 1 or 2 line with `DATDEB` empty or
//!   `9999-99-99` and a `DATDECPE` in last year's reference year) is `started` when this
//!   year's file has a TYPEV 1 or 2 line of the same young person with the same `DATDECPE`
//!   and a known `DATDEB`, else `silent`. `previous_open` counts both, so that
//!   `previous_open = ended + renewed_without_end + started + silent`.
//! - A record of this year is **matched** to last year's young person through its
//!   `NUMANONYMANT` when it differs from its `NUMANONYM` and is a `NUMANONYM` of last year's
//!   file; else through its `NUMANONYM` when it is one (an unknown `NUMANONYMANT` is
//!   reported, and the record is matched as if it had none).
//! - An **end without opening** is a TYPEV 3 line of this year whose `DATDEB` falls in last
//!   year's reference year and that neither file opens: an older `DATDEB` was opened in a
//!   file older than last year's, which neither file can show.
//!
//! Memory: one entry per young person of each file (a 24-byte slot of a hash map), one
//! 32-byte [`previous::Event`] per line of last year's file that opens or ends a measure,
//! kept in chunks ([`arena`]) and folded into one per segment at its end; this year, one
//! 40-byte entry per opening of a young person who had a measure open at the end of last
//! year, and a few bytes per line dated last year that last year's file does not open;
//! findings capped as the report's. Never a row, never a file. `docs/ARCHITECTURE.md`
//! "The continuity check" states the bound and `bench/run.sh` measures it.

mod arena;
mod current;
mod facts;
pub mod indicators;
mod output;
mod previous;

pub use indicators::{Family, Indicator, Value};
pub use output::{
    about_previous_file, reasons_markdown, Chaining, ContinuityFinding, ContinuityReport,
    FileSummary, Level, OpenMeasures, Reason, ReasonCode, Verdict,
};

use crate::dictionary::DICTIONARY_ID;
use crate::error::{Error, ErrorKind};
use crate::finding::{finding, Code};
use crate::read::{ReadOptions, Reader};
use crate::report::{FindingStore, Tool};
use crate::rules::file::{date_key, key_year};
use current::CurrentSink;
use indicators::Figures;
use output::VerdictInput;
use previous::{PreviousSink, ENDED, RENEWED_NOW, STARTED};

/// Options of a continuity check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base name of last year's file.
    pub previous_name: String,
    /// Base name of this year's file.
    pub current_name: String,
    /// This year's reference year (`--year`); else ONPE's rule on each file.
    pub year: Option<i32>,
    /// Findings kept (`--max-findings`), as the report's cap.
    pub max_findings: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            previous_name: String::new(),
            current_name: String::new(),
            year: None,
            max_findings: 1000,
        }
    }
}

/// What a continuity check gives.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The continuity JSON as a value.
    pub report: ContinuityReport,
    /// Its exact bytes.
    pub json: Vec<u8>,
    /// The French text.
    pub text: String,
    /// 1 for `bloquant`, else 0.
    pub exit_status: u8,
}

/// Reads an input once, giving each chunk to the function it is handed (the same shape as
/// `session::Feed`).
pub type Feed<'a> = dyn FnMut(&mut dyn FnMut(&[u8]) -> Result<(), Error>) -> Result<(), Error> + 'a;

enum Stage {
    Previous(Reader, Box<PreviousSink>),
    Current(Reader, Box<CurrentSink>),
    Done,
}

/// One continuity check: last year's file, then this year's.
pub struct Continuity {
    opts: Options,
    stage: Stage,
}

fn reader() -> Result<Reader, Error> {
    Reader::new(ReadOptions::default())
}

impl Continuity {
    /// A check with `opts`; push last year's file first.
    pub fn new(opts: Options) -> Result<Self, Error> {
        Ok(Continuity {
            opts,
            stage: Stage::Previous(reader()?, Box::default()),
        })
    }

    /// Feeds a chunk of last year's file.
    pub fn push_previous(&mut self, chunk: &[u8]) -> Result<(), Error> {
        match &mut self.stage {
            Stage::Previous(r, sink) => r.push(chunk, sink.as_mut()),
            _ => Err(ErrorKind::SessionFinished.into()),
        }
    }

    /// Ends last year's file (folds it); this year's file is pushed next.
    pub fn finish_previous(&mut self) -> Result<(), Error> {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        let Stage::Previous(mut r, mut sink) = stage else {
            self.stage = stage;
            return Err(ErrorKind::SessionFinished.into());
        };
        let info = r.finish(sink.as_mut())?;
        sink.facts.finished(&info);
        let prev = sink.finish();
        self.stage = Stage::Current(
            reader()?,
            Box::new(CurrentSink::new(prev, self.opts.max_findings)),
        );
        Ok(())
    }

    /// Feeds a chunk of this year's file.
    pub fn push_current(&mut self, chunk: &[u8]) -> Result<(), Error> {
        match &mut self.stage {
            Stage::Current(r, sink) => r.push(chunk, sink.as_mut()),
            Stage::Previous(..) => Err(ErrorKind::SessionNotFinished.into()),
            Stage::Done => Err(ErrorKind::SessionFinished.into()),
        }
    }

    /// Records read so far in the file being read.
    pub fn rows(&self) -> u64 {
        match &self.stage {
            Stage::Previous(r, _) | Stage::Current(r, _) => r.info().rows,
            Stage::Done => 0,
        }
    }

    /// Ends this year's file and decides everything.
    pub fn finish(&mut self) -> Result<Outcome, Error> {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        let Stage::Current(mut r, mut sink) = stage else {
            let not_yet = matches!(stage, Stage::Previous(..));
            self.stage = stage;
            return Err(if not_yet {
                ErrorKind::SessionNotFinished.into()
            } else {
                ErrorKind::SessionFinished.into()
            });
        };
        let info = r.finish(sink.as_mut())?;
        sink.facts.finished(&info);
        Ok(conclude(&self.opts, *sink))
    }

    /// Runs a whole check over two inputs read by `previous` and `current` (each hands
    /// its chunks to the function it is given; the command line reads files).
    pub fn run(
        opts: Options,
        previous: &mut Feed<'_>,
        current: &mut Feed<'_>,
    ) -> Result<Outcome, Error> {
        let mut c = Continuity::new(opts)?;
        previous(&mut |chunk| c.push_previous(chunk))?;
        c.finish_previous()?;
        current(&mut |chunk| c.push_current(chunk))?;
        c.finish()
    }
}

/// `AAAA-MM-JJ` of a date key (unknown parts as written, `99`).
pub(crate) fn key_text(key: u32) -> String {
    if key_year(key).is_none() {
        return "(date inconnue)".to_owned();
    }
    let v = key - 1;
    format!("{:04}-{:02}-{:02}", v / 10_000, (v / 100) % 100, v % 100)
}

/// Everything decided once both files are read.
fn conclude(opts: &Options, mut sink: CurrentSink) -> Outcome {
    let (renewed_without_end, ends_without_opening) = sink.finish();
    let (young_people, found, via) = sink.chaining();
    let (minors, young_adults) = sink.ages();
    let mut store = std::mem::replace(&mut sink.store, FindingStore::new(0));
    let prev = &sink.prev;
    let current_year = sink.facts.reference_year(opts.year);
    // More than two years before the end of this year's reference year: before 31 December
    // two years earlier.
    let overdue_before =
        current_year.map(|y| date_key(&format!("{:04}-12-31", y.saturating_sub(2))));
    let overdue = |key: u32| overdue_before.is_some_and(|limit| key != 0 && key < limit);

    // What became of last year's open segments and decisions.
    let mut open = OpenMeasures {
        previous_open: 0,
        ended: 0,
        renewed_without_end,
        started: 0,
        silent: 0,
        silent_overdue: 0,
    };
    let mut silent: Vec<(u32, u32, Code, u32, u32)> = Vec::new();
    for s in prev.segments.iter().filter(|s| s.open_at_end()) {
        open.previous_open += 1;
        if s.has(ENDED) {
            open.ended += 1;
        } else if !s.has(RENEWED_NOW) {
            open.silent += 1;
            let code = if overdue(s.decision_key()) {
                open.silent_overdue += 1;
                Code::ContinuitySilentOverdue
            } else {
                Code::ContinuitySilent
            };
            silent.push((s.row, s.line, code, s.datdeb, s.decision_key()));
        }
    }
    for d in &prev.decisions {
        open.previous_open += 1;
        if d.has(STARTED) {
            open.started += 1;
        } else {
            open.silent += 1;
            let code = if overdue(d.decision_key()) {
                open.silent_overdue += 1;
                Code::ContinuitySilentOverdue
            } else {
                Code::ContinuityDecisionSilent
            };
            silent.push((d.row, d.line, code, d.datdeb, d.datdecpe));
        }
    }
    silent.sort_unstable_by_key(|&(row, ..)| row);
    let end_year = current_year.map_or_else(|| "l'année".to_owned(), |y| y.to_string());
    for (row, line, code, datdeb, decision) in silent {
        let variable = (code == Code::ContinuityDecisionSilent).then_some("DATDEB");
        store.add(&finding(
            code,
            Some(u64::from(row)),
            Some(u64::from(line)),
            variable,
            &[
                ("datdeb", &key_text(datdeb)),
                ("decision", &key_text(decision)),
                ("year", &end_year),
            ],
        ));
    }

    // The files, the chaining, the indicators.
    let prev_minors = prev.persons.values().filter(|p| p.age.minor()).count() as u64;
    let prev_adults = prev.persons.values().filter(|p| p.age.adult()).count() as u64;
    let previous = FileSummary {
        name: opts.previous_name.clone(),
        rows: prev.facts.read,
        reference_year: prev.reference_year,
        young_people: prev.persons.len() as u64,
        numdep: prev.facts.departement(),
    };
    let current = FileSummary {
        name: opts.current_name.clone(),
        rows: sink.facts.read,
        reference_year: current_year,
        young_people,
        numdep: sink.facts.departement(),
    };
    let rate = if young_people == 0 {
        0.0
    } else {
        indicators::round4(found as f64 / young_people as f64)
    };
    let chaining = Chaining {
        found,
        rate,
        via_numanonymant: via,
    };
    let indicators = indicators::compare(
        Figures {
            facts: &prev.facts,
            young_people: previous.young_people,
            minors: prev_minors,
            young_adults: prev_adults,
        },
        Figures {
            facts: &sink.facts,
            young_people,
            minors,
            young_adults,
        },
    );

    // The pair's findings (file level).
    let year_text = |y: Option<i32>| y.map_or_else(|| "introuvable".to_owned(), |y| y.to_string());
    if !matches!((previous.reference_year, current_year), (Some(p), Some(c)) if c == p + 1) {
        store.add(&finding(
            Code::ContinuityYearsNotConsecutive,
            None,
            None,
            None,
            &[
                ("previous", &year_text(previous.reference_year)),
                ("current", &year_text(current_year)),
            ],
        ));
    }
    if !matches!((&previous.numdep, &current.numdep), (Some(p), Some(c)) if p == c) {
        let dep = |d: &Option<String>| d.clone().unwrap_or_else(|| "introuvable".to_owned());
        store.add(&finding(
            Code::ContinuityDepartementDiffers,
            None,
            None,
            Some("NUMDEP"),
            &[
                ("previous", &dep(&previous.numdep)),
                ("current", &dep(&current.numdep)),
            ],
        ));
    }
    if rate < 0.2 {
        store.add(&finding(
            Code::ContinuityChainingLow,
            None,
            None,
            Some("NUMANONYM"),
            &[
                ("found", &found.to_string()),
                ("total", &young_people.to_string()),
                ("rate", &output::percent(rate)),
            ],
        ));
    }
    for i in indicators.iter().filter(|i| i.flag) {
        store.add(&finding(
            Code::ContinuityIndicatorMoved,
            None,
            None,
            i.variable,
            &[
                ("label", &i.label),
                ("previous", &indicators::value_text(i.previous)),
                ("current", &indicators::value_text(i.current)),
                ("change", &indicators::change_text(i)),
                ("why", i.family.why()),
            ],
        ));
    }

    // A 2011-format file: its records are counted but not read; the finding says why
    // nothing in it could be compared (its year and département are then "introuvable").
    for (facts, which) in [
        (&prev.facts, "Fichier de l'an dernier"),
        (&sink.facts, "Fichier de cette année"),
    ] {
        if facts.legacy_2011 {
            let mut f = finding(Code::Legacy2011File, None, None, None, &[]);
            f.message = format!("{which} : {}", f.message);
            store.add(&f);
        }
    }

    let verdict = output::verdict(&VerdictInput {
        previous: &previous,
        current: &current,
        chaining: &chaining,
        current_young_people: young_people,
        open: &open,
        flagged: indicators.iter().filter(|i| i.flag).collect(),
    });
    let identity_changes = sink.identity_changes;
    let numanonymant_unknown = sink.numanonymant_unknown;
    let (kept, findings_total, counts, findings_truncated) = store.select();
    let mut findings: Vec<ContinuityFinding> = kept
        .into_iter()
        .map(ContinuityFinding::from_finding)
        .collect();
    output::sort_findings(&mut findings);
    let report = ContinuityReport {
        tool: Tool::default(),
        dictionary: DICTIONARY_ID,
        previous,
        current,
        chaining,
        open_measures: open,
        identity_changes,
        numanonymant_unknown,
        ends_without_opening,
        indicators,
        findings,
        findings_total,
        verdict,
        counts,
        findings_truncated,
    };
    let json = report.to_json();
    let text = report.to_text();
    let exit_status = report.exit_status();
    Outcome {
        report,
        json,
        text,
        exit_status,
    }
}
