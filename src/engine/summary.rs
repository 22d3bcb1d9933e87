//! The French text summary of a run (`check --format text`; the start of what
//! `pseudonymise` prints on the error stream).

use super::options::Mode;
use super::Rows;
use crate::finding::{Finding, Severity};
use crate::report::Report;

/// The French text summary (`check --format text`).
pub(crate) fn summary_text(report: &Report, mode: Mode, rows: &Rows) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let e = report.severity_count(Severity::Error);
    let w = report.severity_count(Severity::Warning);
    let i = report.severity_count(Severity::Info);
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
    if !report.counts.is_empty() {
        let _ = writeln!(s, "Constats par code :");
        let mut by: Vec<_> = report.counts.iter().collect();
        by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (code, n) in by {
            let entry = code.entry();
            let _ = writeln!(
                s,
                "  {:>8}  {:<13} {} — {}",
                n,
                entry.severity.french(),
                code,
                entry.title
            );
        }
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
    if e > 0 {
        let _ = writeln!(
            s,
            "Résultat : {e} erreur(s) bloquante(s) ; corrigez-les à la source avant la transmission."
        );
    } else {
        let _ = writeln!(s, "Résultat : aucune erreur bloquante.");
    }
    s
}
