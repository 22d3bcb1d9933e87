//! The `olinpe` command line: argument parsing, files, the clock, exit statuses. Glue only:
//! every decision is the engine's (docs/spec/INTERFACES.md "Command line").
//!
//! Exit statuses: 0 no blocking error; 1 the input was read and blocking errors were found;
//! 2 the input cannot be read at all, or the options are wrong (one or two French lines on
//! stderr). Nothing here panics on user input.

use olinpe::engine::{self, Engine, FindingsCsvPass, Mode, Options, OutputFile, PreviousReader};
use olinpe::pseudo::Key;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const CHUNK: usize = 1 << 20;

/// A fatal problem: French message, exit status 2.
struct Fatal(String);

impl From<engine::EngineError> for Fatal {
    fn from(e: engine::EngineError) -> Self {
        Fatal(e.message)
    }
}

type Result<T> = std::result::Result<T, Fatal>;

const USAGE: &str = "\
Usage :
  olinpe check FICHIER [--format text|json] [--year AAAA] [--max-findings N]
                       [--findings-csv SORTIE.csv] [--map-file CORRESPONDANCE] [--repair SORTIE]
  olinpe pseudonymise FICHIER [--key-file CLE] [--with-day] [--uppercase] [--map-file CORRESPONDANCE]
                       [--previous FICHIER_AN_DERNIER] [--date-export AAAA-MM-JJ] [--year AAAA]
                       [--repair] [--force] --out-dir DOSSIER
  olinpe rehash FICHIER [--key-file CLE] [--force] --out SORTIE
  olinpe generate (--rows N --seed S [--error-rate R] [--nominative] [--year AAAA] [--numdep DD]
                       [--date-export AAAA-MM-JJ] [--utdp] | --sample small|medium|large)
                       --out FICHIER [--manifest SORTIE.json]
  olinpe serve [--port P] [--dir DOSSIER]
La clé se lit dans --key-file ou, à défaut, dans la variable d'environnement OLINPE_KEY.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(msg)) => {
            let _ = writeln!(io::stderr(), "olinpe : {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8> {
    let Some(cmd) = args.first() else {
        return Err(Fatal(format!("commande manquante.\n{USAGE}")));
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "check" => check(rest),
        "pseudonymise" | "pseudonymize" => pseudonymise(rest),
        "rehash" => rehash(rest),
        "generate" => generate(rest),
        "serve" => serve(rest),
        // Undocumented in the usage text: the reader alone, for bench/run.sh.
        "read-only" => read_only(rest),
        "--help" | "-h" | "help" => {
            println!("{USAGE}");
            Ok(0)
        }
        "--version" | "-V" => {
            println!("olinpe {}", olinpe::VERSION);
            Ok(0)
        }
        other => Err(Fatal(format!("commande inconnue « {other} ».\n{USAGE}"))),
    }
}

/// Parsed arguments: one positional input and named flags.
#[derive(Default)]
struct Args {
    positional: Vec<String>,
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Args> {
        let mut out = Args::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => {
                            i += 1;
                            args.get(i).cloned().ok_or_else(|| {
                                Fatal(format!("l'option --{name} attend une valeur."))
                            })?
                        }
                    };
                    if out.values.iter().any(|(n, _)| n == name) {
                        return Err(Fatal(format!("l'option --{name} est donnée deux fois.")));
                    }
                    out.values.push((name.to_string(), v));
                } else if flags.contains(&name) && inline.is_none() {
                    out.flags.push(name.to_string());
                } else if name == "key" {
                    return Err(Fatal(
                        "la clé ne se donne jamais sur la ligne de commande : utilisez --key-file ou OLINPE_KEY."
                            .into(),
                    ));
                } else {
                    return Err(Fatal(format!("option inconnue --{name}.\n{USAGE}")));
                }
            } else {
                out.positional.push(a.clone());
            }
            i += 1;
        }
        Ok(out)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn input(&self) -> Result<PathBuf> {
        match self.positional.as_slice() {
            [one] => Ok(PathBuf::from(one)),
            [] => Err(Fatal(format!("fichier d'entrée manquant.\n{USAGE}"))),
            _ => Err(Fatal("un seul fichier d'entrée est attendu.".into())),
        }
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<T>()
                .map(Some)
                .map_err(|_| Fatal(format!("valeur invalide pour --{name} : « {v} »."))),
        }
    }
}

fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sortie".into())
}

fn open_input(path: &Path) -> Result<File> {
    let meta = fs::metadata(path).map_err(|_| {
        Fatal(format!(
            "fichier introuvable ou illisible : {}",
            path.display()
        ))
    })?;
    if meta.is_dir() {
        return Err(Fatal(format!(
            "{} est un dossier, pas un fichier.",
            path.display()
        )));
    }
    File::open(path).map_err(|e| Fatal(format!("impossible d'ouvrir {} : {e}", path.display())))
}

/// Feeds a file to `push` in chunks.
fn feed(path: &Path, mut push: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let mut f = open_input(path)?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| Fatal(format!("lecture de {} impossible : {e}", path.display())))?;
        if n == 0 {
            return Ok(());
        }
        push(&buf[..n])?;
    }
}

fn read_map_file(args: &Args) -> Result<Option<String>> {
    match args.value("map-file") {
        None => Ok(None),
        Some(p) => fs::read(p)
            .map_err(|_| Fatal(format!("fichier de correspondance illisible : {p}")))
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| {
                    Fatal(format!(
                        "le fichier de correspondance {p} doit être en UTF-8."
                    ))
                })
            })
            .map(Some),
    }
}

fn read_key(args: &Args) -> Result<Key> {
    if let Some(p) = args.value("key-file") {
        let bytes = fs::read(p).map_err(|_| Fatal(format!("fichier de clé illisible : {p}")))?;
        return Key::from_file_bytes(&bytes).map_err(|e| Fatal(e.to_string()));
    }
    match std::env::var("OLINPE_KEY") {
        Ok(v) => Key::from_env_value(&v).map_err(|e| Fatal(e.to_string())),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(Fatal("la variable OLINPE_KEY n'est pas en UTF-8.".into()))
        }
        Err(std::env::VarError::NotPresent) => Err(Fatal(
            "clé absente : indiquez --key-file CLE ou la variable d'environnement OLINPE_KEY."
                .into(),
        )),
    }
}

/// A file written through a temporary name, renamed when complete.
struct OutFile {
    tmp: PathBuf,
    dest: PathBuf,
    w: BufWriter<File>,
}

impl OutFile {
    fn create(dest: PathBuf, force: bool, input: &Path) -> Result<OutFile> {
        if same_file(&dest, input) {
            return Err(Fatal(format!(
                "refus d'écrire sur le fichier d'entrée : {}",
                dest.display()
            )));
        }
        if dest.exists() && !force {
            return Err(Fatal(format!(
                "{} existe déjà ; ajoutez --force pour le remplacer.",
                dest.display()
            )));
        }
        let mut tmp = dest.clone().into_os_string();
        tmp.push(".part");
        let tmp = PathBuf::from(tmp);
        let f = File::create(&tmp)
            .map_err(|e| Fatal(format!("impossible de créer {} : {e}", dest.display())))?;
        Ok(OutFile {
            tmp,
            dest,
            w: BufWriter::new(f),
        })
    }

    fn write(&mut self, b: &[u8]) -> Result<()> {
        self.w.write_all(b).map_err(|e| {
            Fatal(format!(
                "écriture de {} impossible : {e}",
                self.dest.display()
            ))
        })
    }

    fn commit(mut self) -> Result<()> {
        self.w.flush().map_err(|e| {
            Fatal(format!(
                "écriture de {} impossible : {e}",
                self.dest.display()
            ))
        })?;
        drop(self.w);
        fs::rename(&self.tmp, &self.dest).map_err(|e| {
            Fatal(format!(
                "impossible de finaliser {} : {e}",
                self.dest.display()
            ))
        })
    }

    fn discard(self) {
        drop(self.w);
        let _ = fs::remove_file(&self.tmp);
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn write_whole(dest: &Path, bytes: &[u8], force: bool, input: &Path) -> Result<()> {
    let mut f = OutFile::create(dest.to_path_buf(), force, input)?;
    f.write(bytes)?;
    f.commit()
}

fn check(rest: &[String]) -> Result<u8> {
    let args = Args::parse(
        rest,
        &[
            "format",
            "year",
            "max-findings",
            "findings-csv",
            "map-file",
            "repair",
        ],
        &[],
    )?;
    let input = args.input()?;
    let format = args.value("format").unwrap_or("text");
    if format != "text" && format != "json" {
        return Err(Fatal(format!(
            "--format attend text ou json, pas « {format} »."
        )));
    }
    let opts = Options {
        mode: Mode::Check,
        input_name: base_name(&input),
        year: args.number("year")?,
        max_findings: args.number("max-findings")?.unwrap_or(1000),
        map_file: read_map_file(&args)?,
        repair: args.value("repair").is_some(),
        ..Options::default()
    };
    let mut repaired = match args.value("repair") {
        Some(p) => Some(OutFile::create(PathBuf::from(p), true, &input)?),
        None => None,
    };
    let mut engine = threads(Engine::new(opts.clone(), None)?);
    let res = feed(&input, |chunk| {
        engine.push(chunk)?;
        for c in engine.drain_output() {
            if let (OutputFile::Repaired, Some(f)) = (c.file, repaired.as_mut()) {
                f.write(&c.bytes)?;
            }
        }
        Ok(())
    });
    let mut finished = match res.and_then(|_| engine.finish().map_err(Fatal::from)) {
        Ok(f) => f,
        Err(e) => {
            if let Some(f) = repaired {
                f.discard();
            }
            return Err(e);
        }
    };
    if let Some(mut f) = repaired {
        for c in &finished.outputs {
            if c.file == OutputFile::Repaired {
                f.write(&c.bytes)?;
            }
        }
        f.commit()?;
    }
    if let Some(p) = args.value("findings-csv") {
        findings_pass(
            &input,
            &opts,
            None,
            std::mem::take(&mut finished.plan),
            Path::new(p),
            true,
        )?;
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if format == "json" {
        out.write_all(&finished.report_json)
    } else {
        out.write_all(finished.summary_text.as_bytes())
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| Fatal(format!("sortie standard : {e}")))?;
    Ok(finished.exit_status)
}

/// True when the record rules may run on a second thread: two cores or more, and
/// `OLINPE_THREADS` is not `1` (which forces one thread, for comparisons).
fn two_cores() -> bool {
    let forced_one = std::env::var("OLINPE_THREADS").is_ok_and(|v| v.trim() == "1");
    !forced_one && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// The check engine, with the record rules on a second thread when [`two_cores`].
fn threads(engine: Engine) -> Engine {
    if two_cores() {
        engine.use_rules_thread()
    } else {
        engine
    }
}

/// Pass 2: streams every finding, uncapped, into `dest` (the whole CSV is never held in
/// memory: it can be larger than the input); returns its SHA-256.
fn findings_pass(
    input: &Path,
    opts: &Options,
    key: Option<Key>,
    plan: engine::FindingsPlan,
    dest: &Path,
    force: bool,
) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut pass = FindingsCsvPass::new(opts.clone(), key, plan)?;
    if opts.mode == Mode::Check && two_cores() {
        pass = pass.use_rules_thread();
    }
    let mut f = OutFile::create(dest.to_path_buf(), force, input)?;
    let mut hasher = Sha256::new();
    let res = feed(input, |chunk| {
        let bytes = pass.push(chunk)?;
        hasher.update(&bytes);
        f.write(&bytes)
    })
    .and_then(|()| {
        let bytes = pass.finish()?;
        hasher.update(&bytes);
        f.write(&bytes)
    });
    match res {
        Ok(()) => {
            f.commit()?;
            Ok(hasher
                .finalize()
                .iter()
                .map(|x| format!("{x:02x}"))
                .collect())
        }
        Err(e) => {
            f.discard();
            Err(e)
        }
    }
}

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

fn pseudonymise(rest: &[String]) -> Result<u8> {
    let args = Args::parse(
        rest,
        &[
            "key-file",
            "map-file",
            "previous",
            "date-export",
            "year",
            "out-dir",
        ],
        &["with-day", "uppercase", "repair", "force"],
    )?;
    let input = args.input()?;
    let out_dir = PathBuf::from(
        args.value("out-dir")
            .ok_or_else(|| Fatal("--out-dir DOSSIER est obligatoire.".into()))?,
    );
    if !out_dir.is_dir() {
        return Err(Fatal(format!(
            "le dossier de sortie {} n'existe pas.",
            out_dir.display()
        )));
    }
    let key = read_key(&args)?;
    let force = args.flag("force");
    let map_file = read_map_file(&args)?;
    let opts = Options {
        mode: Mode::Pseudonymise,
        input_name: base_name(&input),
        year: args.number("year")?,
        map_file: map_file.clone(),
        repair: args.flag("repair"),
        with_day: args.flag("with-day"),
        uppercase: args.flag("uppercase"),
        date_export: Some(
            args.value("date-export")
                .map(str::to_owned)
                .unwrap_or_else(today),
        ),
        ..Options::default()
    };
    let name = stem(&input);
    let path_of = |f: OutputFile| -> String { f.name(&name) };
    // Refuse before any work when an output exists and --force is absent.
    let mut all_names: Vec<String> = [
        OutputFile::TransmissionXml,
        OutputFile::TransmissionCsv,
        OutputFile::OdpeXml,
        OutputFile::FindingsCsv,
    ]
    .iter()
    .map(|f| path_of(*f))
    .collect();
    all_names.extend([
        format!("{name}-recu.json"),
        format!("{name}-recu.txt"),
        format!("{name}-rapport.json"),
    ]);
    for n in &all_names {
        let p = out_dir.join(n);
        if same_file(&p, &input) {
            return Err(Fatal(format!(
                "refus d'écrire sur le fichier d'entrée : {}",
                p.display()
            )));
        }
        if p.exists() && !force {
            return Err(Fatal(format!(
                "{} existe déjà ; ajoutez --force pour le remplacer.",
                p.display()
            )));
        }
    }
    let mut engine = match args.value("previous") {
        Some(prev) => {
            let mut pr = PreviousReader::new(map_file.clone())?;
            feed(Path::new(prev), |c| pr.push(c).map_err(Fatal::from))?;
            Engine::with_previous(opts.clone(), Some(key.clone()), pr.finish()?)?
        }
        None => Engine::new(opts.clone(), Some(key.clone()))?,
    };
    let mut files: Vec<(OutputFile, OutFile)> = Vec::new();
    for f in [
        OutputFile::TransmissionXml,
        OutputFile::TransmissionCsv,
        OutputFile::OdpeXml,
    ] {
        files.push((f, OutFile::create(out_dir.join(path_of(f)), force, &input)?));
    }
    let sink = |chunks: Vec<engine::Chunk>, files: &mut Vec<(OutputFile, OutFile)>| -> Result<()> {
        for c in chunks {
            if let Some((_, f)) = files.iter_mut().find(|(k, _)| *k == c.file) {
                f.write(&c.bytes)?;
            }
        }
        Ok(())
    };
    let res = feed(&input, |chunk| {
        engine.push(chunk)?;
        sink(engine.drain_output(), &mut files)
    });
    let mut finished = match res.and_then(|_| engine.finish().map_err(Fatal::from)) {
        Ok(f) => f,
        Err(e) => {
            for (_, f) in files {
                f.discard();
            }
            return Err(e);
        }
    };
    sink(finished.outputs.clone(), &mut files)?;
    for (k, f) in files {
        if k == OutputFile::OdpeXml && !finished.odpe {
            f.discard();
        } else {
            f.commit()?;
        }
    }
    let rapport = out_dir.join(format!("{name}-rapport.json"));
    write_whole(&rapport, &finished.report_json, force, &input)?;
    let constats = out_dir.join(path_of(OutputFile::FindingsCsv));
    let findings_sha256 = findings_pass(
        &input,
        &opts,
        Some(key),
        std::mem::take(&mut finished.plan),
        &constats,
        force,
    )?;
    let extra = vec![
        (
            format!("{name}-rapport.json"),
            sha256_hex(&finished.report_json),
        ),
        (path_of(OutputFile::FindingsCsv), findings_sha256),
    ];
    let (json, txt) = engine::receipt(&opts, &finished, &path_of, &extra);
    write_whole(
        &out_dir.join(format!("{name}-recu.json")),
        &json,
        force,
        &input,
    )?;
    write_whole(
        &out_dir.join(format!("{name}-recu.txt")),
        txt.as_bytes(),
        force,
        &input,
    )?;
    let mut err = io::stderr().lock();
    let _ = write!(err, "{}", finished.summary_text);
    let _ = writeln!(
        err,
        "Fichiers écrits dans {} ({} lue(s), {} écrite(s), {} écartée(s)).",
        out_dir.display(),
        finished.rows.read,
        finished.rows.written,
        finished.rows.rejected
    );
    Ok(finished.exit_status)
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn rehash(rest: &[String]) -> Result<u8> {
    let args = Args::parse(rest, &["key-file", "out"], &["force"])?;
    let input = args.input()?;
    let out = PathBuf::from(
        args.value("out")
            .ok_or_else(|| Fatal("--out SORTIE est obligatoire.".into()))?,
    );
    let key = read_key(&args)?;
    let force = args.flag("force");
    let receipt_path = out.with_file_name(format!("{}-recu.json", stem(&out)));
    if receipt_path.exists() && !force {
        return Err(Fatal(format!(
            "{} existe déjà ; ajoutez --force pour le remplacer.",
            receipt_path.display()
        )));
    }
    let opts = Options {
        mode: Mode::Rehash,
        input_name: base_name(&input),
        ..Options::default()
    };
    let mut engine = Engine::new(opts, Some(key))?;
    let mut f = OutFile::create(out.clone(), force, &input)?;
    let res = feed(&input, |chunk| {
        engine.push(chunk)?;
        for c in engine.drain_output() {
            if c.file == OutputFile::Rehashed {
                f.write(&c.bytes)?;
            }
        }
        Ok(())
    });
    let finished = match res.and_then(|_| engine.finish().map_err(Fatal::from)) {
        Ok(x) => x,
        Err(e) => {
            f.discard();
            return Err(e);
        }
    };
    for c in &finished.outputs {
        if c.file == OutputFile::Rehashed {
            f.write(&c.bytes)?;
        }
    }
    f.commit()?;
    write_whole(
        &receipt_path,
        &engine::rehash_receipt(&finished),
        force,
        &input,
    )?;
    let _ = writeln!(
        io::stderr(),
        "Re-hachage : {} lue(s), {} écrite(s), {} écartée(s), {} identifiant(s) mal formé(s).",
        finished.rows.read,
        finished.rows.written,
        finished.rows.rejected,
        finished.malformed_ids.len()
    );
    Ok(finished.exit_status)
}

/// A `NUMDEP` code of the dictionary (`--numdep`), as the generator takes it.
fn departement(n: &str) -> Result<&'static str> {
    olinpe::dictionary::VARIABLES[olinpe::dictionary::ids::NUMDEP]
        .modalities
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == n)
        .ok_or_else(|| {
            Fatal(format!(
                "--numdep : « {} » n'est pas un code de département de la nomenclature \
                 (01 à 95, 2A, 2B, 69D, 69M, 971 à 976).",
                olinpe::finding::quote(n)
            ))
        })
}

/// `AAAA-MM-JJ` as numbers (`--date-export`); the generator checks that the date exists.
fn ymd(d: &str) -> Result<(i32, u32, u32)> {
    let bad = || {
        Fatal(format!(
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

fn generate(rest: &[String]) -> Result<u8> {
    use olinpe::generate::{GenOptions, Generator, Sample};
    let args = Args::parse(
        rest,
        &[
            "rows",
            "seed",
            "error-rate",
            "sample",
            "out",
            "manifest",
            "year",
            "numdep",
            "date-export",
        ],
        &["nominative", "utdp"],
    )?;
    if !args.positional.is_empty() {
        return Err(Fatal(format!(
            "argument inattendu « {} ».",
            args.positional[0]
        )));
    }
    let out = PathBuf::from(
        args.value("out")
            .ok_or_else(|| Fatal("--out FICHIER est obligatoire.".into()))?,
    );
    let opts = match args.value("sample") {
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
            .any(|o| args.value(o).is_some())
                || args.flag("utdp")
                || args.flag("nominative");
            if tuned {
                return Err(Fatal(
                    "--sample fixe tout l'échantillon : il ne se combine pas avec --rows, --seed, \
                     --error-rate, --year, --nominative, --numdep, --date-export ou --utdp."
                        .into(),
                ));
            }
            Sample::from_name(name)
                .ok_or_else(|| {
                    Fatal(format!(
                        "échantillon inconnu « {name} » : small, medium ou large."
                    ))
                })?
                .options()
        }
        None => {
            let rows = args
                .number::<u64>("rows")?
                .ok_or_else(|| Fatal("--rows N (ou --sample) est obligatoire.".into()))?;
            let seed = args
                .number::<u64>("seed")?
                .ok_or_else(|| Fatal("--seed S est obligatoire avec --rows.".into()))?;
            GenOptions {
                rows,
                seed,
                error_rate: args.number("error-rate")?.unwrap_or(0.0),
                nominative: args.flag("nominative"),
                reference_year: args.number("year")?.unwrap_or(2018),
                numdep: match args.value("numdep") {
                    Some(n) => Some(departement(n)?),
                    None => None,
                },
                date_export: match args.value("date-export") {
                    Some(d) => Some(ymd(d)?),
                    None => None,
                },
                utdp: args.flag("utdp"),
            }
        }
    };
    opts.validate().map_err(Fatal)?;
    let mut g = Generator::new(opts);
    let mut f = OutFile::create(out.clone(), true, Path::new(""))?;
    f.write(&g.header())?;
    while !g.is_done() {
        let chunk = g.write_chunk(10_000);
        f.write(&chunk)?;
    }
    f.commit()?;
    let manifest = g.into_manifest();
    if let Some(m) = args.value("manifest") {
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

fn serve(rest: &[String]) -> Result<u8> {
    let args = Args::parse(rest, &["port", "dir"], &[])?;
    let port: u16 = args.number("port")?.unwrap_or(8080);
    let dir = PathBuf::from(args.value("dir").unwrap_or("dist"));
    let page_path = dir.join("olinpe.html");
    let page = fs::read(&page_path).map_err(|_| {
        Fatal(format!(
            "page introuvable : {} (construisez-la d'abord avec scripts/build-all.sh).",
            page_path.display()
        ))
    })?;
    let csp = fs::read_to_string(dir.join("olinpe.csp")).map_err(|_| {
        Fatal(format!(
            "politique CSP introuvable : {}",
            dir.join("olinpe.csp").display()
        ))
    })?;
    let csp = csp.trim().to_string();
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Fatal(format!("impossible d'écouter sur 127.0.0.1:{port} : {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Fatal(format!("adresse locale inconnue : {e}")))?;
    println!("olinpe : page servie sur http://{addr}/ (Ctrl+C pour arrêter)");
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

fn read_only(rest: &[String]) -> Result<u8> {
    let args = Args::parse(rest, &[], &[])?;
    let input = args.input()?;
    let mut r = engine::ReadOnly::new()?;
    feed(&input, |c| r.push(c).map_err(Fatal::from))?;
    let rows = r.finish()?;
    println!("{rows}");
    Ok(0)
}
