//! The French text summary of a run (`check --format text`; the start of what
//! `pseudonymise` prints on the error stream): the verdict first, then the file, the audit,
//! « À corriger en priorité » and the first findings.

use super::options::Mode;
use super::Rows;
use crate::finding::{Finding, Severity};
use crate::report::{Level, Report};

/// Rows of « À corriger en priorité » shown in the text (the report JSON has them all).
const PRIORITIES_SHOWN: usize = 25;

/// The French text summary (`check --format text`).
pub(crate) fn summary_text(report: &Report, mode: Mode, rows: &Rows) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let e = report.severity_count(Severity::Error);
    let w = report.severity_count(Severity::Warning);
    let i = report.severity_count(Severity::Info);
    if let Some(v) = &report.verdict {
        let _ = writeln!(s, "Verdict : {} ({})", v.level.french(), v.level.as_str());
        for r in &v.reasons {
            let tag = match r.level {
                Level::Bloquant => "bloquant  ",
                Level::AVerifier => "à vérifier",
                Level::Transmissible => "note      ",
            };
            let _ = writeln!(s, "  [{tag}] {}", r.message);
            if let Some(a) = &r.action {
                let _ = writeln!(s, "               → {a}");
            }
        }
    }
    let _ = writeln!(s, "olinpe {} — {}", report.tool.version, report.input.name);
    let delim = match report.input.delimiter.as_deref() {
        Some("\t") => ", séparateur tabulation".to_string(),
        Some(d) => format!(", séparateur « {d} »"),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        "Fichier : {} ({}{}), {} enregistrement(s), {} jeune(s)",
        report.input.format.to_uppercase(),
        report.input.encoding,
        delim,
        report.input.rows,
        report.young_people
    );
    match report.reference_year {
        Some(y) => {
            let _ = writeln!(s, "Année de référence : {y}");
        }
        None => {
            let _ = writeln!(s, "Année de référence : indéterminée");
        }
    }
    let _ = writeln!(
        s,
        "Évènements : {} début(s) (TYPEV=1), {} renouvellement(s) (TYPEV=2), {} fin(s) (TYPEV=3)",
        report.typev.one, report.typev.two, report.typev.three
    );
    for line in report.population_lines() {
        let _ = writeln!(s, "{line}");
    }
    if mode != Mode::Check {
        let _ = writeln!(
            s,
            "Lignes : {} lue(s), {} écrite(s), {} écartée(s)",
            rows.read, rows.written, rows.rejected
        );
    }
    let _ = writeln!(
        s,
        "Constats : {e} erreur(s), {w} avertissement(s), {i} information(s)"
    );
    let red = report.audit.iter().filter(|a| a.status == "red").count();
    let orange = report.audit.iter().filter(|a| a.status == "orange").count();
    let green = report.audit.iter().filter(|a| a.status == "green").count();
    let _ = writeln!(
        s,
        "Audit ONPE : {red} section(s) rouge(s), {orange} orange, {green} verte(s)"
    );
    for a in report.audit.iter().filter(|a| a.status != "green") {
        let colour = if a.status == "red" {
            "rouge "
        } else {
            "orange"
        };
        let unit = match a.unit {
            "variables" => "variable(s)",
            "young_people" => "jeune(s)",
            _ => "enregistrement(s)",
        };
        if a.analysis_impossible {
            let _ = writeln!(
                s,
                "  [{colour}] {} {} : analyse impossible ({} toujours « ne sait pas »)",
                a.section,
                a.title,
                a.variables.join(", "),
            );
        } else {
            let _ = writeln!(
                s,
                "  [{colour}] {} {} : {} {unit}",
                a.section, a.title, a.count,
            );
        }
    }
    for line in report.onpe_lines() {
        let _ = writeln!(s, "{line}");
    }
    if !report.priorities.is_empty() {
        let _ = writeln!(
            s,
            "À corriger en priorité (enregistrements, jeunes, constat, variable, section ONPE) :"
        );
        for p in report.priorities.iter().take(PRIORITIES_SHOWN) {
            let place = if p.file_level {
                format!("{:>8}  {:>6}", "fichier", "")
            } else {
                format!("{:>8}  {:>6}", p.records, p.young_people)
            };
            let vars = if p.variables.is_empty() {
                String::new()
            } else {
                format!(" [{}]", p.variables.join(", "))
            };
            let section = p
                .section
                .map(|x| format!(" (section {x})"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {place}  {:<13} {}{vars}{section} — {}",
                p.severity.french(),
                p.title,
                p.code
            );
        }
        if report.priorities.len() > PRIORITIES_SHOWN {
            let _ = writeln!(
                s,
                "  … et {} autre(s) ligne(s) dans le rapport JSON (« priorities »).",
                report.priorities.len() - PRIORITIES_SHOWN
            );
        }
    }
    let infos: Vec<String> = report
        .counts
        .iter()
        .filter(|(c, _)| c.severity() == Severity::Info)
        .map(|(c, n)| format!("{} ({n})", c.entry().title))
        .collect();
    if !infos.is_empty() {
        let _ = writeln!(s, "Informations : {}", infos.join(" ; "));
    }
    // Errors first, then warnings, then information, each in report order.
    let mut shown: Vec<&Finding> = report.findings.iter().collect();
    shown.sort_by_key(|f| f.severity);
    shown.truncate(30);
    if !shown.is_empty() {
        let _ = writeln!(
            s,
            "Premiers constats, les plus graves d'abord ({} sur {} ; tous dans --findings-csv) :",
            shown.len(),
            report.findings_total
        );
        for f in shown {
            let place = match (f.row, f.line) {
                (Some(r), Some(l)) => format!("enr. {r} (ligne {l})"),
                _ => "fichier".to_string(),
            };
            let var = f.variable.as_deref().unwrap_or("-");
            let _ = writeln!(
                s,
                "  {:<13} {place} {var} : {}",
                f.severity.french(),
                f.message
            );
        }
    }
    match (&report.verdict, e) {
        (Some(v), _) => {
            let _ = writeln!(
                s,
                "Résultat : {} ({} erreur(s), {} avertissement(s)).",
                v.level.french().to_lowercase(),
                e,
                w
            );
        }
        (None, 0) => {
            let _ = writeln!(s, "Résultat : aucune erreur bloquante.");
        }
        (None, _) => {
            let _ = writeln!(
                s,
                "Résultat : {e} erreur(s) bloquante(s) ; corrigez-les à la source avant la transmission."
            );
        }
    }
    s
}
