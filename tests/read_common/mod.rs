//! Shared helpers of the reader tests: a sink that records everything as comparable events,
//! and a driver that feeds an input in chunks of a given size.

#![allow(dead_code)]

use olinpe::finding::{Code, Finding};
use olinpe::read::{InputInfo, Layout, ReadError, ReadOptions, Reader, Sink, CODES};
use olinpe::record::Record;

/// One thing the reader produced, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A record: row, line, `(code, value)` of present variables, identity values, raw cells,
    /// findings `(code, variable)`.
    Record {
        row: u64,
        line: u64,
        values: Vec<(String, String)>,
        identity: [String; 5],
        raw: Vec<String>,
        findings: Vec<(Code, Option<String>, String)>,
    },
    /// A file-level finding `(code, variable, message)`.
    File(Code, Option<String>, String),
    /// The CSV layout.
    Layout(Layout),
    /// The encoding decision.
    Encoding(&'static str),
}

/// Collects events.
#[derive(Default)]
pub struct Collect {
    pub events: Vec<Event>,
}

impl Sink for Collect {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        let values = (0..CODES.len())
            .filter(|&i| rec.is_present(i))
            .map(|i| (CODES[i].to_owned(), rec.get(i).to_owned()))
            .collect();
        let id = &rec.identity;
        let identity = [
            id.prenom.expose().to_owned(),
            id.nommere.expose().to_owned(),
            id.nomusage.expose().to_owned(),
            id.jnais.expose().to_owned(),
            id.numdo.expose().to_owned(),
        ];
        let raw = (0..rec.raw_len()).map(|i| rec.raw(i).to_owned()).collect();
        let findings = findings
            .drain(..)
            .map(|f| (f.code, f.variable, f.message))
            .collect();
        self.events.push(Event::Record {
            row: rec.row,
            line: rec.line,
            values,
            identity,
            raw,
            findings,
        });
    }
    fn file_finding(&mut self, f: Finding) {
        assert!(f.row.is_none() && f.line.is_none());
        self.events.push(Event::File(f.code, f.variable, f.message));
    }
    fn layout(&mut self, layout: &Layout) {
        self.events.push(Event::Layout(layout.clone()));
    }
    fn encoding(&mut self, name: &'static str) {
        self.events.push(Event::Encoding(name));
    }
}

/// The outcome of reading an input.
#[derive(Debug)]
pub struct Outcome {
    pub events: Vec<Event>,
    pub info: Result<InputInfo, ReadError>,
}

impl Outcome {
    /// The records' `(row, line)`.
    pub fn rows(&self) -> Vec<(u64, u64)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Record { row, line, .. } => Some((*row, *line)),
                _ => None,
            })
            .collect()
    }
    /// Value of `code` in record `n` (0-based), if present.
    pub fn value(&self, n: usize, code: &str) -> Option<String> {
        self.records().get(n).and_then(|e| match e {
            Event::Record { values, .. } => values
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, v)| v.clone()),
            _ => None,
        })
    }
    /// Record events.
    pub fn records(&self) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| matches!(e, Event::Record { .. }))
            .collect()
    }
    /// Codes of the findings of record `n` (0-based).
    pub fn record_codes(&self, n: usize) -> Vec<Code> {
        match self.records().get(n) {
            Some(Event::Record { findings, .. }) => findings.iter().map(|f| f.0).collect(),
            _ => vec![],
        }
    }
    /// Codes of the file-level findings.
    pub fn file_codes(&self) -> Vec<Code> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::File(c, _, _) => Some(*c),
                _ => None,
            })
            .collect()
    }
    /// Every finding message (file and record).
    pub fn messages(&self) -> Vec<String> {
        let mut out = vec![];
        for e in &self.events {
            match e {
                Event::File(_, _, m) => out.push(m.clone()),
                Event::Record { findings, .. } => out.extend(findings.iter().map(|f| f.2.clone())),
                _ => {}
            }
        }
        out
    }
    /// The info, panicking on a read error.
    pub fn ok(&self) -> &InputInfo {
        match &self.info {
            Ok(i) => i,
            Err(e) => panic!("read error {}: {}", e.code(), e.message()),
        }
    }
    /// The read error code.
    pub fn err(&self) -> &'static str {
        match &self.info {
            Ok(_) => panic!("no read error"),
            Err(e) => e.code(),
        }
    }
}

/// Reads `input` fed in chunks of `chunk` bytes (0 = whole).
pub fn read_with(input: &[u8], chunk: usize, opts: ReadOptions) -> Outcome {
    let mut sink = Collect::default();
    let mut reader = match Reader::new(opts) {
        Ok(r) => r,
        Err(e) => {
            return Outcome {
                events: vec![],
                info: Err(e),
            }
        }
    };
    let size = if chunk == 0 {
        input.len().max(1)
    } else {
        chunk
    };
    for c in input.chunks(size) {
        if let Err(e) = reader.push(c, &mut sink) {
            return Outcome {
                events: sink.events,
                info: Err(e),
            };
        }
    }
    let info = reader.finish(&mut sink);
    Outcome {
        events: sink.events,
        info,
    }
}

/// Reads `input` whole with default options.
pub fn read(input: &[u8]) -> Outcome {
    read_with(input, 0, ReadOptions::default())
}

/// Reads `input` in chunks of 1, 2, 7, 64 bytes and whole, checks all give the same events
/// and info, and returns the whole-input outcome.
pub fn read_invariant(input: &[u8], opts: ReadOptions) -> Outcome {
    let whole = read_with(input, 0, opts.clone());
    for size in [1, 2, 3, 7, 64, 4096] {
        let o = read_with(input, size, opts.clone());
        assert_eq!(
            o.events, whole.events,
            "events differ with chunks of {size}"
        );
        assert_eq!(
            format!("{:?}", o.info),
            format!("{:?}", whole.info),
            "info differs with chunks of {size}"
        );
    }
    whole
}
