//! The `olinpe` command line: it parses the flags (one table, `args.rs`), opens and creates
//! files (`files.rs`), reads the clock and maps errors to exit statuses. Every decision about
//! a run — its sequence, the files it produces and their names, their digests — is the
//! session's (`olinpe::session`); see docs/spec/INTERFACES.md "Command line".
//!
//! Exit statuses: 0 the verdict is `transmissible` or `a_verifier`; 1 the input was read and
//! the verdict is `bloquant`; 2 the input cannot be read at all, `pseudonymise` refuses it,
//! or the options are wrong (one or two French lines on stderr). Nothing here panics on
//! user input.

mod args;
mod files;

use args::{Args, Command};
use files::{feed, refuse, stdout, write_whole, OutFile};
use olinpe::engine::{Mode, Options};
use olinpe::error::{Error, ErrorKind};
use olinpe::pseudo::Key;
use olinpe::session::{
    key_from, stem, Artifact, ContinuityJob, KeyText, Output, PreviousReader, Session,
};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Error>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(io::stderr(), "olinpe : {}", e.message());
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8> {
    let Some(name) = args.first() else {
        return Err(Error::usage(format!(
            "commande manquante.\n{}",
            args::usage()
        )));
    };
    match name.as_str() {
        "--help" | "-h" | "help" => {
            let text = match args.get(1).and_then(|n| args::find(n)) {
                Some(c) if name == "help" => args::command_help(c),
                _ => args::general_help(),
            };
            print!("{text}");
            return Ok(0);
        }
        "--version" | "-V" => {
            println!("olinpe {}", olinpe::VERSION);
            return Ok(0);
        }
        _ => {}
    }
    let Some(cmd) = args::find(name) else {
        return Err(Error::usage(format!(
            "commande inconnue « {name} ».\n{}",
            args::usage()
        )));
    };
    let a = Args::parse(cmd, &args[1..])?;
    if a.help {
        print!("{}", args::command_help(cmd));
        return Ok(0);
    }
    match cmd.name {
        "check" => check(&a),
        "pseudonymise" => pseudonymise(&a),
        "rehash" => rehash(&a),
        "generate" => generate(&a),
        "serve" => serve(&a),
        "continuity" => continuity(&a),
        "read-only" => read_only(&a),
        _ => unreachable_command(cmd),
    }
}

/// Every command of the table is matched above; a new one must be wired there.
fn unreachable_command(cmd: &Command) -> Result<u8> {
    Err(Error::internal(&format!(
        "commande {} sans traitement",
        cmd.name
    )))
}

fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The input's size, when the system tells it (a workbook's buffer is then reserved once).
fn input_size(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|m| m.len())
}

fn read_map_file(args: &Args) -> Result<Option<String>> {
    let Some(p) = args.value("map-file") else {
        return Ok(None);
    };
    let bytes = fs::read(p).map_err(|_| ErrorKind::MapFileUnreadable { path: p.into() })?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ErrorKind::MapFileNotUtf8 { path: p.into() }.into())
}

/// The key: `--key-file`, else `OLINPE_KEY` (the precedence is the session's `key_from`).
fn read_key(args: &Args) -> Result<Key> {
    let file = match args.value("key-file") {
        Some(p) => Some(fs::read(p).map_err(|_| ErrorKind::KeyFileUnreadable { path: p.into() })?),
        None => None,
    };
    let env = match (&file, std::env::var("OLINPE_KEY")) {
        (Some(_), _) => None,
        (None, Ok(v)) => Some(v),
        (None, Err(std::env::VarError::NotUnicode(_))) => {
            return Err(ErrorKind::KeyEnvNotUtf8.into())
        }
        (None, Err(std::env::VarError::NotPresent)) => None,
    };
    key_from(file.as_deref(), env.as_deref().map(KeyText::Env))?
        .ok_or_else(|| ErrorKind::KeyMissing { command_line: true }.into())
}

/// True when the record rules may run on a second thread: two cores or more, and
/// `OLINPE_THREADS` is not `1` (which forces one thread, for comparisons).
fn two_cores() -> bool {
    let forced_one = std::env::var("OLINPE_THREADS").is_ok_and(|v| v.trim() == "1");
    !forced_one && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// Today's date, `AAAA-MM-JJ` (the default `--date-export`; the engine never reads the clock).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Where the artifacts of one job go: a file per artifact the command line was given a
/// place for; the others are not written.
struct Destinations<'a> {
    input: &'a Path,
    force: bool,
    places: Vec<(Artifact, PathBuf)>,
    open: Vec<(Artifact, OutFile)>,
}

impl<'a> Destinations<'a> {
    fn new(input: &'a Path, force: bool) -> Self {
        Destinations {
            input,
            force,
            places: Vec::new(),
            open: Vec::new(),
        }
    }

    fn to(&mut self, artifact: Artifact, path: PathBuf) {
        self.places.push((artifact, path));
    }

    fn place(&self, artifact: Artifact) -> Option<&PathBuf> {
        self.places
            .iter()
            .find(|(a, _)| *a == artifact)
            .map(|(_, p)| p)
    }

    /// Refuses, before any work, every place that is the input or exists without `--force`.
    fn refuse_all(&self) -> Result<()> {
        for (_, p) in &self.places {
            refuse(p, self.force, self.input)?;
        }
        Ok(())
    }

    /// Creates the files of the artifacts streamed during pass 1 (before reading).
    fn open_streamed(&mut self, artifacts: &[Artifact]) -> Result<()> {
        for &a in artifacts {
            if let Some(p) = self.place(a).cloned() {
                let f = OutFile::create(p, self.force, self.input)?;
                self.open.push((a, f));
            }
        }
        Ok(())
    }

    /// Takes one output: streamed pieces are appended to their file, whole artifacts are
    /// written at once.
    fn write(&mut self, o: Output) -> Result<()> {
        let Some(place) = self.place(o.artifact).cloned() else {
            return Ok(());
        };
        if !o.artifact.spec().streamed {
            return write_whole(&place, &o.bytes, self.force, self.input);
        }
        if !self.open.iter().any(|(a, _)| *a == o.artifact) {
            let f = OutFile::create(place, self.force, self.input)?;
            self.open.push((o.artifact, f));
        }
        match self.open.iter_mut().find(|(a, _)| *a == o.artifact) {
            Some((_, f)) => f.write(&o.bytes),
            None => Ok(()),
        }
    }

    /// Runs the session's whole job over the input, then keeps the files it produced (the
    /// ODPE XML only with `UTDP`); on an error, removes the unfinished ones.
    fn run(mut self, session: &mut Session, findings_csv: bool) -> Result<()> {
        let input = self.input.to_path_buf();
        let res = session.run(&mut |push| feed(&input, push), findings_csv, &mut |o| {
            self.write(o)
        });
        let open = std::mem::take(&mut self.open);
        if let Err(e) = res {
            for (_, f) in open {
                f.discard();
            }
            return Err(e);
        }
        for (a, f) in open {
            if session.produced(a) {
                f.commit()?;
            } else {
                f.discard();
            }
        }
        Ok(())
    }
}

fn check(a: &Args) -> Result<u8> {
    let input = a.input()?;
    let format = a.value("format").unwrap_or("text");
    if format != "text" && format != "json" {
        return Err(Error::usage(format!(
            "--format attend text ou json, pas « {format} »."
        )));
    }
    let opts = Options {
        mode: Mode::Check,
        input_name: base_name(&input),
        year: a.year()?,
        max_findings: a.number("max-findings")?.unwrap_or(1000),
        map_file: read_map_file(a)?,
        repair: a.value("repair").is_some(),
        corrections: a.value("corrections").is_some(),
        sheet: a.value("sheet").map(str::to_owned),
        input_size: input_size(&input),
        ..Options::default()
    };
    // `--repair`, `--findings-csv` and `--corrections` replace an existing file (no
    // `--force` in check).
    let mut dest = Destinations::new(&input, true);
    if let Some(p) = a.value("repair") {
        dest.to(Artifact::Repaired, PathBuf::from(p));
    }
    if let Some(p) = a.value("findings-csv") {
        dest.to(Artifact::FindingsCsv, PathBuf::from(p));
    }
    if let Some(p) = a.value("corrections") {
        dest.to(Artifact::Corrections, PathBuf::from(p));
    }
    dest.open_streamed(&[Artifact::Repaired])?;
    let mut session = Session::new(opts, None, None)?;
    if two_cores() {
        session = session.use_rules_thread();
    }
    dest.run(&mut session, a.value("findings-csv").is_some())?;
    let f = session.finished()?;
    if format == "json" {
        stdout(&f.report_json)?;
    } else {
        stdout(f.summary_text.as_bytes())?;
    }
    Ok(f.exit_status)
}

fn pseudonymise(a: &Args) -> Result<u8> {
    let input = a.input()?;
    let out_dir = PathBuf::from(
        a.value("out-dir")
            .ok_or_else(|| Error::usage("--out-dir DOSSIER est obligatoire."))?,
    );
    if !out_dir.is_dir() {
        return Err(ErrorKind::OutDirMissing {
            path: out_dir.display().to_string(),
        }
        .into());
    }
    let key = read_key(a)?;
    let force = a.flag("force");
    let map_file = read_map_file(a)?;
    let opts = Options {
        mode: Mode::Pseudonymise,
        input_name: base_name(&input),
        year: a.year()?,
        map_file: map_file.clone(),
        repair: a.flag("repair"),
        corrections: a.flag("corrections"),
        with_day: a.flag("with-day"),
        uppercase: a.flag("uppercase"),
        date_export: Some(
            a.value("date-export")
                .map(str::to_owned)
                .unwrap_or_else(today),
        ),
        sheet: a.value("sheet").map(str::to_owned),
        input_size: input_size(&input),
        ..Options::default()
    };
    let mut dest = Destinations::new(&input, force);
    for art in Artifact::of_job(Mode::Pseudonymise, false, false, opts.corrections) {
        dest.to(art, out_dir.join(art.name(&opts.input_name, false)));
    }
    // Refuse before any work when an output exists and --force is absent.
    dest.refuse_all()?;
    let previous = match a.value("previous") {
        Some(prev) => {
            let mut pr = PreviousReader::new(map_file)?;
            feed(Path::new(prev), &mut |c| pr.push(c))?;
            Some(pr.finish()?)
        }
        None => None,
    };
    let mut session = Session::new(opts, Some(key), previous)?;
    dest.open_streamed(&[
        Artifact::TransmissionXml,
        Artifact::TransmissionCsv,
        Artifact::OdpeXml,
    ])?;
    dest.run(&mut session, false)?;
    let f = session.finished()?;
    let mut err = io::stderr().lock();
    let _ = write!(err, "{}", f.summary_text);
    let _ = writeln!(
        err,
        "Fichiers écrits dans {} ({} lue(s), {} écrite(s), {} écartée(s)).",
        out_dir.display(),
        f.rows.read,
        f.rows.written,
        f.rows.rejected
    );
    Ok(f.exit_status)
}

fn rehash(a: &Args) -> Result<u8> {
    let input = a.input()?;
    let out = PathBuf::from(
        a.value("out")
            .ok_or_else(|| Error::usage("--out SORTIE est obligatoire."))?,
    );
    let key = read_key(a)?;
    let force = a.flag("force");
    // `OUT-recu.json` beside `OUT`, without `OUT`'s extension (the page's name for it).
    let out_name = base_name(&out);
    let receipt = out.with_file_name(format!("{}-recu.json", stem(&out_name)));
    if receipt.exists() && !force {
        return Err(ErrorKind::OutputExists {
            path: receipt.display().to_string(),
        }
        .into());
    }
    let opts = Options {
        mode: Mode::Rehash,
        input_name: base_name(&input),
        sheet: a.value("sheet").map(str::to_owned),
        input_size: input_size(&input),
        ..Options::default()
    };
    let mut session = Session::new(opts, Some(key), None)?;
    let mut dest = Destinations::new(&input, force);
    dest.to(Artifact::Rehashed, out);
    dest.to(Artifact::RehashReceipt, receipt);
    dest.open_streamed(&[Artifact::Rehashed])?;
    dest.run(&mut session, false)?;
    let f = session.finished()?;
    // A re-hash sends nothing on: its verdict is about the file received.
    if let Some(v) = &f.report.verdict {
        let reasons: Vec<&str> = v.reasons.iter().map(|r| r.message.as_str()).collect();
        let _ = writeln!(
            io::stderr(),
            "Verdict du re-hachage : {} — {}",
            v.level.as_str(),
            if reasons.is_empty() {
                "aucune anomalie.".to_owned()
            } else {
                reasons.join(" ")
            }
        );
    }
    let _ = writeln!(
        io::stderr(),
        "Re-hachage : {} lue(s), {} écrite(s), {} écartée(s), {} identifiant(s) mal formé(s).",
        f.rows.read,
        f.rows.written,
        f.rows.rejected,
        f.malformed_ids.len()
    );
    Ok(f.exit_status)
}

/// A `NUMDEP` code of the dictionary (`--numdep`), as the generator takes it.
fn departement(n: &str) -> Result<&'static str> {
    olinpe::dictionary::VARIABLES[olinpe::dictionary::ids::NUMDEP]
        .modalities
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == n)
        .ok_or_else(|| {
            Error::usage(format!(
                "--numdep : « {} » n'est pas un code de département de la nomenclature \
                 (01 à 95, 2A, 2B, 69D, 69M, 971 à 976).",
                olinpe::finding::quote(n)
            ))
        })
}

/// `AAAA-MM-JJ` as numbers (`--date-export`); the generator checks that the date exists.
fn ymd(d: &str) -> Result<(i32, u32, u32)> {
    let bad = || {
        Error::usage(format!(
            "--date-export : « {} » ; attendu AAAA-MM-JJ.",
            olinpe::finding::quote(d)
        ))
    };
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let part = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m), Some(j)) => Ok((y as i32, m, j)),
        _ => Err(bad()),
    }
}

fn generate(a: &Args) -> Result<u8> {
    use olinpe::generate::{GenOptions, Generator, Sample};
    if let Some(first) = a.positional.first() {
        return Err(Error::usage(format!("argument inattendu « {first} ».")));
    }
    let out = PathBuf::from(
        a.value("out")
            .ok_or_else(|| Error::usage("--out FICHIER est obligatoire."))?,
    );
    let opts = match a.value("sample") {
        Some(name) => {
            let tuned = [
                "rows",
                "seed",
                "numdep",
                "date-export",
                "error-rate",
                "year",
            ]
            .iter()
            .any(|o| a.value(o).is_some())
                || a.flag("utdp")
                || a.flag("nominative");
            if tuned {
                return Err(Error::usage(
                    "--sample fixe tout l'échantillon : il ne se combine pas avec --rows, --seed, \
                     --error-rate, --year, --nominative, --numdep, --date-export ou --utdp.",
                ));
            }
            Sample::from_name(name)
                .ok_or_else(|| {
                    Error::usage(format!(
                        "échantillon inconnu « {name} » : small, medium ou large."
                    ))
                })?
                .options()
        }
        None => {
            let rows = a
                .number::<u64>("rows")?
                .ok_or_else(|| Error::usage("--rows N (ou --sample) est obligatoire."))?;
            let seed = a
                .number::<u64>("seed")?
                .ok_or_else(|| Error::usage("--seed S est obligatoire avec --rows."))?;
            GenOptions {
                rows,
                seed,
                error_rate: a.number("error-rate")?.unwrap_or(0.0),
                nominative: a.flag("nominative"),
                reference_year: a.year()?.unwrap_or(2018),
                numdep: match a.value("numdep") {
                    Some(n) => Some(departement(n)?),
                    None => None,
                },
                date_export: match a.value("date-export") {
                    Some(d) => Some(ymd(d)?),
                    None => None,
                },
                utdp: a.flag("utdp"),
            }
        }
    };
    opts.validate().map_err(Error::usage)?;
    let xlsx = match a.value("format").unwrap_or("csv") {
        "csv" => false,
        "xlsx" => true,
        other => {
            return Err(Error::usage(format!(
                "--format attend csv ou xlsx, pas « {other} »."
            )))
        }
    };
    let size = u32::try_from(opts.rows + 1)
        .ok()
        .map(|r| (r, g_columns(&opts)));
    match a.number::<u8>("years")? {
        None | Some(1) => {
            if a.value("out-next").is_some() {
                return Err(Error::usage("--out-next ne s'emploie qu'avec --years 2."));
            }
        }
        Some(2) if xlsx => {
            return Err(Error::usage(
                "--years 2 écrit deux fichiers CSV : --format xlsx ne s'y combine pas.",
            ))
        }
        Some(2) => return generate_pair(a, &opts, &out),
        Some(_) => {
            return Err(Error::usage(
                "--years attend 1 ou 2 (deux années consécutives).",
            ))
        }
    }
    let mut g = Generator::new(opts);
    let mut f = OutFile::create(out.clone(), true, Path::new(""))?;
    if xlsx {
        // The workbook is built in memory (compressed, about a tenth of the CSV), then written.
        let io_err = |e: io::Error| Error::internal(&format!("écriture du classeur : {e}"));
        let mut w = olinpe::generate::xlsx::XlsxFromCsv::new(io::Cursor::new(Vec::new()), size)
            .map_err(io_err)?;
        w.push(&g.header()).map_err(io_err)?;
        while !g.is_done() {
            w.push(&g.write_chunk(10_000)).map_err(io_err)?;
        }
        f.write(&w.finish().map_err(io_err)?.into_inner())?;
    } else {
        f.write(&g.header())?;
        while !g.is_done() {
            let chunk = g.write_chunk(10_000);
            f.write(&chunk)?;
        }
    }
    f.commit()?;
    let manifest = g.into_manifest();
    if let Some(m) = a.value("manifest") {
        write_whole(Path::new(m), &manifest.to_json(), true, Path::new(""))?;
    }
    let _ = writeln!(
        io::stderr(),
        "{} : {} enregistrement(s) générés, {} erreur(s) plantée(s).",
        out.display(),
        manifest.rows,
        manifest.planted.len()
    );
    Ok(0)
}

/// `olinpe continuity PREVIOUS CURRENT`: this year's file against last year's (the session's
/// continuity job); the continuity JSON or its French text on standard output; exit status 1
/// for continuity's `bloquant`.
fn continuity(a: &Args) -> Result<u8> {
    let (previous, current) = match a.positional.as_slice() {
        [p, c] => (PathBuf::from(p), PathBuf::from(c)),
        [_, _, extra, ..] => {
            return Err(Error::usage(format!(
                "argument inattendu « {extra} » : deux fichiers seulement, celui de l'an dernier \
                 puis celui de cette année."
            )))
        }
        _ => {
            return Err(Error::usage(format!(
                "deux fichiers attendus : celui de l'an dernier, puis celui de cette année.\n{}",
                args::usage()
            )))
        }
    };
    let format = a.value("format").unwrap_or("text");
    if format != "text" && format != "json" {
        return Err(Error::usage(format!(
            "--format attend text ou json, pas « {format} »."
        )));
    }
    let opts = olinpe::continuity::Options {
        previous_name: base_name(&previous),
        current_name: base_name(&current),
        year: a.year()?,
        max_findings: a.number("max-findings")?.unwrap_or(1000),
    };
    let mut job = ContinuityJob::new(opts, false)?;
    // Which of the two files could not be read: said on a line of its own.
    let last_year = |e: Error| said(e, "le fichier de l'an dernier", &previous);
    let this_year = |e: Error| said(e, "le fichier de cette année", &current);
    feed(&previous, &mut |c| job.push_previous(c))
        .and_then(|()| job.finish_previous())
        .map_err(last_year)?;
    feed(&current, &mut |c| job.push_current(c))
        .and_then(|()| job.finish().map(drop))
        .map_err(this_year)?;
    let outcome = job.outcome()?;
    if format == "json" {
        stdout(&outcome.json)?;
    } else {
        stdout(outcome.text.as_bytes())?;
    }
    Ok(outcome.exit_status)
}

/// Says on standard error which file `e` is about, then hands `e` on (its own message follows).
fn said(e: Error, what: &str, path: &Path) -> Error {
    let _ = writeln!(
        io::stderr(),
        "olinpe : {what} ({}) ne peut pas être lu.",
        path.display()
    );
    e
}

/// `olinpe generate --years 2`: two consecutive years, `--out` the first, `--out-next` the
/// second, and the pair's manifest.
fn generate_pair(a: &Args, opts: &olinpe::generate::GenOptions, out: &Path) -> Result<u8> {
    use olinpe::generate::pair::{PairGenerator, MIN_PAIR_ROWS};
    let next = PathBuf::from(
        a.value("out-next")
            .ok_or_else(|| Error::usage("--out-next FICHIER est obligatoire avec --years 2."))?,
    );
    if a.value("sample").is_some()
        || a.flag("nominative")
        || a.flag("utdp")
        || a.value("date-export").is_some()
        || opts.error_rate != 0.0
    {
        return Err(Error::usage(
            "--years 2 ne se combine pas avec --sample, --nominative, --utdp, --date-export ni \
             --error-rate : la paire est pseudonymisée et sans erreur de contrôle, ses défauts \
             sont ceux de la continuité.",
        ));
    }
    if opts.rows < MIN_PAIR_ROWS {
        return Err(Error::usage(format!(
            "--years 2 demande au moins {MIN_PAIR_ROWS} lignes par fichier (--rows)."
        )));
    }
    let mut g = PairGenerator::new(opts);
    let mut f1 = OutFile::create(out.to_path_buf(), true, Path::new(""))?;
    let mut f2 = OutFile::create(next.clone(), true, Path::new(""))?;
    f1.write(&g.header())?;
    f2.write(&g.header())?;
    let (mut b1, mut b2) = (Vec::new(), Vec::new());
    while !g.is_done() {
        b1.clear();
        b2.clear();
        g.write_persons(5_000, &mut b1, &mut b2);
        f1.write(&b1)?;
        f2.write(&b2)?;
    }
    f1.commit()?;
    f2.commit()?;
    let manifest = g.into_manifest();
    if let Some(m) = a.value("manifest") {
        write_whole(Path::new(m), &manifest.to_json(), true, Path::new(""))?;
    }
    let p = &manifest.planted;
    let _ = writeln!(
        io::stderr(),
        "{} ({}) : {} enregistrement(s) ; {} ({}) : {} enregistrement(s) ; défauts de \
         continuité plantés : {} mesure(s) sans suite dont {} depuis plus de deux ans, {} \
         décision(s) jamais commencée(s), {} renouvellement(s) sans fin, {} identité(s) \
         changée(s), {} NUMANONYMANT inconnu(s), {} fin(s) sans ouverture, indicateur {}.",
        out.display(),
        manifest.years[0],
        manifest.rows[0],
        next.display(),
        manifest.years[1],
        manifest.rows[1],
        p.silent,
        p.silent_overdue,
        p.decision_silent,
        p.renewed_without_end,
        p.identity_change,
        p.numanonymant_unknown,
        p.end_without_opening,
        p.indicator
    );
    Ok(0)
}

/// Columns of a generated file: the 105 variables, `UTDP`, the identity columns.
fn g_columns(opts: &olinpe::generate::GenOptions) -> usize {
    olinpe::generate::CODES.len()
        + usize::from(opts.utdp)
        + if opts.nominative {
            olinpe::generate::row::IDENTITY_COLUMNS.len()
        } else {
            0
        }
}

/// `olinpe serve`: the built page and its CSP on 127.0.0.1, for this workstation only.
fn serve(a: &Args) -> Result<u8> {
    let port: u16 = a.number("port")?.unwrap_or(8080);
    let dir = PathBuf::from(a.value("dir").unwrap_or("dist"));
    let page_path = dir.join("olinpe.html");
    let page = fs::read(&page_path).map_err(|_| ErrorKind::PageMissing {
        path: page_path.display().to_string(),
    })?;
    let csp_path = dir.join("olinpe.csp");
    let csp = fs::read_to_string(&csp_path).map_err(|_| ErrorKind::CspMissing {
        path: csp_path.display().to_string(),
    })?;
    let csp = csp.trim().to_string();
    let listener =
        std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| ErrorKind::Listen {
            port,
            detail: e.to_string(),
        })?;
    let addr = listener.local_addr().map_err(|e| ErrorKind::Listen {
        port,
        detail: e.to_string(),
    })?;
    println!(
        "olinpe : page servie sur http://{addr}/ pour ce seul poste de travail, pas pour un \
         hébergement (configurations d'hébergement : deploy/ et docs/hosting.md) \
         (Ctrl+C pour arrêter)"
    );
    let _ = io::stdout().flush();
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
        let mut buf = [0u8; 8192];
        let n = stream.read(&mut buf).unwrap_or(0);
        let head = String::from_utf8_lossy(&buf[..n]);
        let mut parts = head.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("");
        let path = target.split('?').next().unwrap_or("");
        let (status, body, ctype): (&str, &[u8], &str) =
            if (method == "GET" || method == "HEAD") && (path == "/" || path == "/olinpe.html") {
                ("200 OK", &page, "text/html; charset=utf-8")
            } else if method != "GET" && method != "HEAD" {
                ("405 Method Not Allowed", b"", "text/plain; charset=utf-8")
            } else {
                (
                    "404 Not Found",
                    b"introuvable\n",
                    "text/plain; charset=utf-8",
                )
            };
        let header = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
             Content-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\n\
             Referrer-Policy: no-referrer\r\nCache-Control: no-store\r\n\
             Cross-Origin-Opener-Policy: same-origin\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(header.as_bytes());
        if method != "HEAD" {
            let _ = stream.write_all(body);
        }
    }
    Ok(0)
}

/// The reader alone, for `bench/run.sh` (hidden from the help).
fn read_only(a: &Args) -> Result<u8> {
    let input = a.input()?;
    let mut r = olinpe::bench::ReadOnly::new()?;
    feed(&input, &mut |c| r.push(c))?;
    let rows = r.finish()?;
    println!("{rows}");
    Ok(0)
}
