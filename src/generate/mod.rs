//! Synthetic test data: realistic Olinpe files with planted errors listed in a manifest.
//!
//! The generator never calls the rule engine: it builds records from its own reading of
//! docs/spec/OLINPE.md (§4.3 code lists, §5.1 blocks by event type, §5.2 cascades, §5.3 ages, §5.4
//! conditions, §5.5 dates, as corrected by §0.2), so that tests can compare what the engine
//! finds with what was planted (the determinism contract of CODES.md: a file generated with
//! error rate 0 gives no error and no warning; otherwise the error and warning findings are
//! exactly the manifest's `(row, code, variable)` set).
//!
//! Output is a `;`-separated UTF-8 CSV with LF line ends and the 105 codes in XSD order
//! (plus `PRENOM;NOMMERE;JNAIS;NUMDO` for nominative files, whose `NUMANONYM` and
//! `NUMANONYMANT` are left empty for the pseudonymiser). Everything derives from the seed
//! through a PRNG written here ([`rng`]) with integer arithmetic only, so a seed gives the
//! same bytes natively and in WebAssembly. Rows are produced one young person at a time, so
//! a million rows are streamed without being held.
//!
//! Readings the generator takes (they follow the dictionary's conditions and the spec where
//! it is explicit, and pick values both readings accept where it is not): a single-adult
//! household leaves adult 2 empty (§5.4); `NIVSCO` is filled when `SCODTCOM` is 2 or 9 or
//! `ETABSCOSPE` is 2 (2018 erratum); `MODACC` under 6 when `SCODTCOM` is 1 or empty;
//! `DATDECAP` with `DECAP` 1–5; natures 18 and 21 get both their possible cascades (§6.2
//! accepts them); an end followed by a new measure fills only `DATFIN`, `MOTFININT` and
//! `DIPLOME` of the end block ("hypothèse 2"), and `NBCHGLIEU` is filled on the end of a
//! minor's placement with no later event (hypothesis 1); a renewal carries new dates and the
//! period it renews ends the day before (docs/spec/OLINPE.md §0.2 Segments and renewals);
//! an accueil provisoire jeune majeur has `MENAGEJM` 8, a pupille `TITAP` 80; every line of a
//! measure falls in one age class (minor or adult) at both its decision and its event date;
//! no date precedes the month after the birth month.
//!
//! The manifest (`--manifest`, [`Manifest::to_json`]) lists, for every planted row, one entry
//! per expected finding: `{row, variable, code, rule, plant}` (`variable` is `null` for the
//! record-level duplicate and perimeter findings), plus `file_level` for files too small to
//! hold every event type. Plant kinds ([`plant::Kind`]) are used least-used first, blocking
//! ones first, so even the 200-row sample carries blocking errors.

pub mod date;
pub mod names;
pub mod pair;
pub mod person;
pub mod plant;
pub mod rng;
pub mod row;
pub mod xlsx;

use crate::dictionary::ids::N_DECREE;
use crate::finding::Code;
use person::{Ctx, Meta};
use plant::Plant;
use rng::Rng;
use row::{write_uint, write_value, Row, IDENTITY_COLUMNS, V};
use serde::Serialize;
use std::collections::VecDeque;

/// The 105 variable codes in XSD order (index = [`crate::dictionary::ids`] constant):
/// [`crate::dictionary::ids::CODES`] without `UTDP`.
pub const CODES: [&str; N_DECREE] = {
    let mut out = [""; N_DECREE];
    let mut i = 0;
    while i < N_DECREE {
        out[i] = crate::dictionary::ids::CODES[i];
        i += 1;
    }
    out
};

/// Départements a file may be drawn for (any XSD code would do; these are varied on purpose:
/// two digits, Corsica, Lyon, overseas).
pub(crate) const DEPARTEMENTS: &[&str] =
    &["84", "35", "59", "13", "2A", "69M", "974", "01", "93", "31"];

/// Territorial units (`UTDP`) of a generated file: locally defined, 3 characters.
const UNITS: &[&str] = &["UT1", "UT2", "UT3", "NRD", "SUD"];

/// Upper bound on `rows` accepted by [`GenOptions::validate`].
pub const MAX_ROWS: u64 = 10_000_000;

/// Options of a generated file.
#[derive(Debug, Clone, PartialEq)]
pub struct GenOptions {
    /// Number of data rows (header excluded).
    pub rows: u64,
    /// Seed: the whole file is a function of the options, the seed included.
    pub seed: u64,
    /// Share of rows (0–1) carrying one planted error.
    pub error_rate: f64,
    /// Nominative file: identity columns appended, identifiers left empty.
    pub nominative: bool,
    /// Reference year: every clean record has a decision, start or end date in it.
    pub reference_year: i32,
    /// Export date `(year, month, day)`: no generated date is later. Defaults to 15 March of
    /// the following year.
    pub date_export: Option<(i32, u32, u32)>,
    /// `NUMDEP` of the file; drawn from the seed when `None`.
    pub numdep: Option<&'static str>,
    /// Add the ODPE-only `UTDP` column (territorial unit, 3 characters), in alphabetical
    /// order between `TYPINTERDOM` and `VIOLCONJ` (docs/spec/OLINPE.md §0.3).
    pub utdp: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            rows: 200,
            seed: 1,
            error_rate: 0.0,
            nominative: false,
            reference_year: 2018,
            date_export: None,
            numdep: None,
            utdp: false,
        }
    }
}

impl GenOptions {
    /// Checks the options; the message is French, for the command line.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Err(format!(
                "le taux d'erreurs doit être compris entre 0 et 1 (reçu : {})",
                self.error_rate
            ));
        }
        if self.rows > MAX_ROWS {
            return Err(format!("au plus {MAX_ROWS} lignes peuvent être générées"));
        }
        if !(1990..=2100).contains(&self.reference_year) {
            return Err(format!(
                "l'année de référence doit être comprise entre 1990 et 2100 (reçu : {})",
                self.reference_year
            ));
        }
        if let Some((y, m, d)) = self.date_export {
            if !(1..=12).contains(&m) || d == 0 || d > date::month_len(y, m) {
                return Err("la date d'export n'est pas une date valide".to_string());
            }
            if date::days(y, m, d) < date::days(self.reference_year, 2, 1) {
                return Err(
                    "la date d'export doit suivre le début de l'année de référence".to_string(),
                );
            }
        }
        Ok(())
    }

    /// The share of rows to plant, in parts per million (0 for a rate outside 0–1).
    fn ppm(&self) -> u64 {
        if self.error_rate.is_finite() {
            (self.error_rate.clamp(0.0, 1.0) * 1_000_000.0).round() as u64
        } else {
            0
        }
    }
}

/// The built-in training samples (docs/spec/INTERFACES.md: 200, 5 000 and 100 000 records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// 200 records.
    Small,
    /// 5 000 records.
    Medium,
    /// 100 000 records.
    Large,
}

impl Sample {
    /// The sample named `small`, `medium` or `large`.
    pub fn from_name(name: &str) -> Option<Sample> {
        match name {
            "small" => Some(Sample::Small),
            "medium" => Some(Sample::Medium),
            "large" => Some(Sample::Large),
            _ => None,
        }
    }

    /// Its options: fixed seeds, 8 % of rows with a planted error (the blocking kinds are
    /// planted first, so even the small sample has them).
    pub fn options(self) -> GenOptions {
        let (rows, seed) = match self {
            Sample::Small => (200, 2018_0001),
            Sample::Medium => (5_000, 2018_0002),
            Sample::Large => (100_000, 2018_0003),
        };
        GenOptions {
            rows,
            seed,
            error_rate: 0.08,
            ..GenOptions::default()
        }
    }
}

/// One planted error, as listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planted {
    /// 1-based data row (header excluded), as in findings.
    pub row: u64,
    /// Variable the finding names, or `null` for record-level findings.
    pub variable: Option<&'static str>,
    /// Finding code expected.
    pub code: Code,
    /// The spec rule broken.
    pub rule: &'static str,
    /// The plant kind (one kind may expect several findings on its row).
    pub plant: &'static str,
}

/// What was generated: the options and every planted error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// Seed.
    pub seed: u64,
    /// Data rows written.
    pub rows: u64,
    /// Requested share of rows with a planted error.
    pub error_rate: f64,
    /// Nominative file.
    pub nominative: bool,
    /// Reference year.
    pub reference_year: i32,
    /// `NUMDEP` of the file.
    pub numdep: &'static str,
    /// Rows carrying a planted error.
    pub planted_rows: u64,
    /// Expected error and warning findings, by row.
    pub planted: Vec<Planted>,
    /// Expected file-level findings (`row: null`): only for files too small to hold every
    /// event type (`typev-absent`, docs/spec/OLINPE.md §6.1 0007) or without any row (`no-records`).
    pub file_level: Vec<FileLevel>,
}

/// An expected file-level finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileLevel {
    /// Variable the finding names.
    pub variable: Option<&'static str>,
    /// Finding code expected.
    pub code: Code,
    /// Why it is expected.
    pub rule: &'static str,
}

impl Manifest {
    /// Pretty JSON with a final newline (the `--manifest` file).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// A queued row with its planted error, if any.
struct Queued {
    row: Row,
    plant: Option<Plant>,
}

/// The streaming generator: header, then rows one at a time.
pub struct Generator {
    opts: GenOptions,
    ctx: Ctx,
    ppm: u64,
    next_person: u64,
    kind_counts: Vec<u64>,
    typev_seen: [bool; 3],
    previous_idant: Option<[u8; 20]>,
    name_counters: std::collections::BTreeMap<i32, u32>,
    queue: VecDeque<Queued>,
    written: u64,
    manifest: Manifest,
    rows_buf: Vec<Row>,
    metas_buf: Vec<Meta>,
    restriction: Option<Restriction>,
}

/// Limits on planting set by [`Generator::restrict_plants`] (training exercises).
struct Restriction {
    kinds: Vec<plant::Kind>,
    max_rows: u64,
    from_row: u64,
}

impl Generator {
    /// A generator for `opts`. Options outside their range are clamped (see
    /// [`GenOptions::validate`] to refuse them instead).
    pub fn new(opts: GenOptions) -> Self {
        let year = opts.reference_year.clamp(1990, 2100);
        let d0 = date::days(year, 1, 1);
        let dec31 = date::days(year, 12, 31);
        let d1 = match opts.date_export {
            Some((y, m, d)) if (1..=12).contains(&m) && d >= 1 && d <= date::month_len(y, m) => {
                dec31.min(date::days(y, m, d)).max(d0 + 31)
            }
            _ => dec31,
        };
        let numdep = opts.numdep.unwrap_or_else(|| {
            DEPARTEMENTS[Rng::derive(opts.seed, u64::MAX).below(DEPARTEMENTS.len() as u64) as usize]
        });
        let ctx = Ctx {
            year,
            d0,
            d1,
            numdep,
            nominative: opts.nominative,
        };
        let ppm = opts.ppm();
        let manifest = Manifest {
            seed: opts.seed,
            rows: 0,
            error_rate: opts.error_rate,
            nominative: opts.nominative,
            reference_year: year,
            numdep,
            planted_rows: 0,
            planted: Vec::new(),
            // A header without records is itself an error (docs/spec/OLINPE.md §0.2).
            file_level: if opts.rows == 0 {
                vec![FileLevel {
                    variable: None,
                    code: Code::NoRecords,
                    rule: "§0.2 en-tête sans enregistrement",
                }]
            } else {
                Vec::new()
            },
        };
        Generator {
            kind_counts: vec![0; plant::ALL.len()],
            typev_seen: [false; 3],
            previous_idant: None,
            name_counters: std::collections::BTreeMap::new(),
            opts,
            ctx,
            ppm,
            next_person: 0,
            queue: VecDeque::new(),
            written: 0,
            manifest,
            rows_buf: Vec::new(),
            metas_buf: Vec::new(),
            restriction: None,
        }
    }

    /// Plants only the given kinds, on at most `max_rows` rows, none before the 1-based row
    /// `from_row` (the training exercises: one chosen error at a chosen place in an
    /// otherwise clean file). Without this call every kind may be planted anywhere.
    pub fn restrict_plants(&mut self, kinds: &[plant::Kind], max_rows: u64, from_row: u64) {
        self.restriction = Some(Restriction {
            kinds: kinds.to_vec(),
            max_rows,
            from_row,
        });
    }

    /// The header line (LF-terminated).
    pub fn header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(800);
        for (i, code) in CODES.iter().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            out.extend_from_slice(code.as_bytes());
            if self.opts.utdp && i == crate::dictionary::ids::TYPINTERDOM {
                out.extend_from_slice(b";UTDP");
            }
        }
        if self.opts.nominative {
            for c in IDENTITY_COLUMNS {
                out.push(b';');
                out.extend_from_slice(c.as_bytes());
            }
        }
        out.push(b'\n');
        out
    }

    /// Rows written so far.
    pub fn rows_written(&self) -> u64 {
        self.written
    }

    /// True when every requested row has been written.
    pub fn is_done(&self) -> bool {
        self.written >= self.opts.rows
    }

    /// Appends the next row (LF-terminated) to `out`; false when all rows are written.
    pub fn next_row(&mut self, out: &mut Vec<u8>) -> bool {
        if self.is_done() {
            return false;
        }
        while self.queue.is_empty() {
            self.fill_queue();
        }
        let Some(q) = self.queue.pop_front() else {
            return false;
        };
        self.written += 1;
        self.manifest.rows = self.written;
        if let Some(p) = q.plant {
            self.manifest.planted_rows += 1;
            for e in p.expected {
                self.manifest.planted.push(Planted {
                    row: self.written,
                    variable: e.variable,
                    code: e.code,
                    rule: p.rule,
                    plant: p.kind,
                });
            }
        }
        if let Some(t) = q.row.v[crate::dictionary::ids::TYPEV].code() {
            match t {
                "1" => self.typev_seen[0] = true,
                "2" => self.typev_seen[1] = true,
                _ => self.typev_seen[2] = true,
            }
        }
        if self.is_done() && self.typev_seen.contains(&false) {
            self.manifest.file_level = vec![FileLevel {
                variable: Some("TYPEV"),
                code: Code::TypevAbsent,
                rule: "§6.1 0007 un type d'évènement absent du fichier",
            }];
        }
        self.write_row(&q.row, out);
        true
    }

    /// Up to `max_rows` further rows, as bytes (empty when done).
    pub fn write_chunk(&mut self, max_rows: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(max_rows.min(100_000) * 420);
        for _ in 0..max_rows {
            if !self.next_row(&mut out) {
                break;
            }
        }
        out
    }

    /// The manifest of the rows written so far.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The manifest, consuming the generator.
    pub fn into_manifest(self) -> Manifest {
        self.manifest
    }

    fn write_row(&self, row: &Row, out: &mut Vec<u8>) {
        for (i, v) in row.v.iter().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            write_value(out, *v, i == crate::dictionary::ids::MNAIS);
            if self.opts.utdp && i == crate::dictionary::ids::TYPINTERDOM {
                out.push(b';');
                out.extend_from_slice(row.utdp.as_bytes());
            }
        }
        if self.opts.nominative {
            out.push(b';');
            out.extend_from_slice(row.ident.prenom.as_bytes());
            out.push(b';');
            out.extend_from_slice(row.ident.nommere.0.as_bytes());
            if let Some(second) = row.ident.nommere.1 {
                out.push(b'-');
                out.extend_from_slice(second.as_bytes());
            }
            out.push(b';');
            write_value(out, V::N(row.ident.jnais), true);
            out.push(b';');
            out.extend_from_slice(self.ctx.numdep.as_bytes());
            out.push(b'-');
            let n = row.ident.numdo;
            let mut width = 1_000_000;
            while width > n && width > 1 {
                out.push(b'0');
                width /= 10;
            }
            write_uint(out, n);
        }
        if row.extra_field {
            out.push(b';');
        }
        out.push(b'\n');
    }

    /// Generates the next young person's rows, plants errors in them and queues them.
    fn fill_queue(&mut self) {
        let index = self.next_person;
        self.next_person += 1;
        let mut rng = Rng::derive(self.opts.seed, index);
        self.rows_buf.clear();
        self.metas_buf.clear();
        let left = self
            .opts
            .rows
            .saturating_sub(self.written + self.queue.len() as u64);
        let birth = person::generate(
            &self.ctx,
            &mut rng,
            index,
            usize::try_from(left).unwrap_or(usize::MAX),
            &mut self.rows_buf,
            &mut self.metas_buf,
        );
        // Names: unique within the birth month (what the identifier hashes besides the
        // names), whatever the file size.
        let bucket = birth.year * 12 + birth.month as i32 - 1;
        let k = self.name_counters.entry(bucket).or_insert(0);
        let girl = match self
            .rows_buf
            .first()
            .map(|r| r.v[crate::dictionary::ids::SEXE])
        {
            Some(V::S("2")) => true,
            Some(V::S("1")) => false,
            _ => k.is_multiple_of(2),
        };
        let (prenom, nommere) = names::identity(*k, bucket, girl);
        *k += 1;
        let utdp = UNITS[(index % UNITS.len() as u64) as usize];
        for r in &mut self.rows_buf {
            r.ident.prenom = prenom;
            r.ident.nommere = nommere;
            r.utdp = utdp;
        }
        // This person's own previous identifier, for the next person's "shared" plant.
        let own_idant = match self
            .rows_buf
            .first()
            .map(|r| r.v[crate::dictionary::ids::NUMANONYMANT])
        {
            Some(V::Id(id)) => Some(id),
            _ => None,
        };
        let mut plants: Vec<Option<Plant>> = vec![None; self.rows_buf.len()];
        let mut copies: Vec<(usize, Plant)> = Vec::new();
        if self.ppm > 0 {
            let first_row = self.written + self.queue.len() as u64 + 1;
            for (i, slot) in plants.iter_mut().enumerate() {
                if let Some(r) = &self.restriction {
                    let planted: u64 = self.kind_counts.iter().sum();
                    if planted >= r.max_rows || first_row + (i as u64) < r.from_row {
                        continue;
                    }
                }
                if !rng.chance_ppm(self.ppm) {
                    continue;
                }
                // Least-used kinds first (ties in list order), so kinds that few rows can
                // take still show up, and small files get the blocking kinds listed first.
                let mut order: Vec<usize> = (0..plant::ALL.len()).collect();
                if let Some(r) = &self.restriction {
                    order.retain(|&k| r.kinds.contains(&plant::ALL[k]));
                }
                order.sort_by_key(|&k| (self.kind_counts[k], k));
                for k in order {
                    let mut site = plant::Site {
                        rows: &mut self.rows_buf,
                        metas: &self.metas_buf,
                        i,
                        birth,
                        d0: self.ctx.d0,
                        d1: self.ctx.d1,
                        nominative: self.ctx.nominative,
                        person_has_copy: !copies.is_empty(),
                        previous_idant: self.previous_idant,
                    };
                    if let Some(p) = plant::apply(plant::ALL[k], &mut site, &mut rng) {
                        self.kind_counts[k] += 1;
                        if p.insert_copy {
                            copies.push((i, p));
                        } else {
                            *slot = Some(p);
                        }
                        break;
                    }
                }
            }
        }
        self.previous_idant = own_idant;
        let mut copies = copies.into_iter().peekable();
        for (i, (row, plant)) in self.rows_buf.drain(..).zip(plants).enumerate() {
            let copy = copies.next_if(|(j, _)| *j == i).map(|(_, p)| p);
            if let Some(p) = copy {
                let mut copy = row.clone();
                if let Some((var, value)) = p.copy_change {
                    copy.v[var] = value;
                }
                self.queue.push_back(Queued { row, plant: None });
                self.queue.push_back(Queued {
                    row: copy,
                    plant: Some(p),
                });
            } else {
                self.queue.push_back(Queued { row, plant });
            }
        }
    }
}

/// Generates a whole file in memory: the CSV bytes (header included) and the manifest.
pub fn generate_to_vec(opts: &GenOptions) -> (Vec<u8>, Manifest) {
    let mut g = Generator::new(opts.clone());
    let mut out = g.header();
    out.reserve((opts.rows.min(2_000_000) as usize) * 420);
    while g.next_row(&mut out) {}
    (out, g.into_manifest())
}
