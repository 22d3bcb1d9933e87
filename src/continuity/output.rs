//! What the continuity check says: the continuity JSON (docs/spec/INTERFACES.md "Continuity
//! JSON", keys in that order, then `counts` and `findings_truncated`), its own verdict and
//! the French text of `olinpe continuity --format text`.

use super::indicators::{change_text, value_text, Indicator};
use crate::finding::{Code, Finding, Severity};
use crate::report::Tool;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The continuity JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ContinuityReport {
    /// Tool name and version.
    pub tool: Tool,
    /// Dictionary id.
    pub dictionary: &'static str,
    /// Last year's file.
    pub previous: FileSummary,
    /// This year's file.
    pub current: FileSummary,
    /// This year's young people found last year.
    pub chaining: Chaining,
    /// What became of the measures open at the end of last year.
    pub open_measures: OpenMeasures,
    /// Young people found in both files whose `ANAIS`, `MNAIS` or `SEXE` differs.
    pub identity_changes: u64,
    /// Records whose `NUMANONYMANT` differs from their `NUMANONYM` and is not a `NUMANONYM`
    /// of last year's file.
    pub numanonymant_unknown: u64,
    /// Ends in this year's file of measures begun in last year's reference year and opened
    /// in neither file.
    pub ends_without_opening: u64,
    /// Counts and rates compared.
    pub indicators: Vec<Indicator>,
    /// The kept findings (capped as the report's).
    pub findings: Vec<ContinuityFinding>,
    /// Exact number of findings.
    pub findings_total: u64,
    /// Continuity's own verdict (never the run's).
    pub verdict: Verdict,
    /// Exact count per finding code (sorted).
    pub counts: BTreeMap<Code, u64>,
    /// True when `findings` is shorter than `findings_total`.
    pub findings_truncated: bool,
}

/// `previous` and `current`.
#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    /// Base name of the file.
    pub name: String,
    /// Records read.
    pub rows: u64,
    /// Reference year (ONPE's rule; `--year` for this year's file).
    pub reference_year: Option<i32>,
    /// Distinct `NUMANONYM`.
    pub young_people: u64,
    /// The most frequent `NUMDEP`.
    pub numdep: Option<String>,
}

/// `chaining`.
#[derive(Debug, Clone, Serialize)]
pub struct Chaining {
    /// This year's young people whose `NUMANONYM`, or a `NUMANONYMANT`, is a `NUMANONYM` of
    /// last year's file.
    pub found: u64,
    /// `found` over this year's young people (0 without any), four decimals.
    pub rate: f64,
    /// Found only through `NUMANONYMANT`.
    pub via_numanonymant: u64,
}

/// `open_measures`: `previous_open = ended + renewed_without_end + started + silent`.
#[derive(Debug, Clone, Serialize)]
pub struct OpenMeasures {
    /// Segments open at the end of last year, plus last year's decisions not started yet.
    pub previous_open: u64,
    /// Segments ended this year (a TYPEV 3 line with their `DATDEB`).
    pub ended: u64,
    /// Segments renewed this year (by the linking rule) without their end line.
    pub renewed_without_end: u64,
    /// Decisions not started last year whose start line is in this year's file.
    pub started: u64,
    /// Segments and decisions without any line this year.
    pub silent: u64,
    /// Those of `silent` whose last decision is more than two years before the end of this
    /// year's reference year.
    pub silent_overdue: u64,
}

/// A finding of the continuity JSON: the report's finding shape, and `"file": "previous"`
/// when its row is one of last year's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContinuityFinding {
    /// Code from the catalogue.
    pub code: Code,
    /// Severity of the code.
    pub severity: Severity,
    /// 1-based data record of the file concerned; `null` for the pair.
    pub row: Option<u64>,
    /// 1-based physical line.
    pub line: Option<u64>,
    /// Variable concerned.
    pub variable: Option<String>,
    /// French message.
    pub message: String,
    /// `"previous"` for a row of last year's file (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'static str>,
}

/// The codes whose rows are rows of last year's file.
pub fn about_previous_file(code: Code) -> bool {
    matches!(
        code,
        Code::ContinuitySilent | Code::ContinuitySilentOverdue | Code::ContinuityDecisionSilent
    )
}

impl ContinuityFinding {
    /// `f`, placed in its file.
    pub fn from_finding(f: Finding) -> Self {
        let file = (f.row.is_some() && about_previous_file(f.code)).then_some("previous");
        ContinuityFinding {
            code: f.code,
            severity: f.severity,
            row: f.row,
            line: f.line,
            variable: f.variable,
            message: f.message,
            file,
        }
    }

    /// The order of the JSON: the pair's findings, this year's rows, last year's rows; then
    /// by row, then code.
    fn order(&self) -> (u8, Option<u64>, Code) {
        let place = match (self.row, self.file) {
            (None, _) => 0,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        };
        (place, self.row, self.code)
    }
}

/// Sorts kept findings in the JSON's order (stable: the emitter's order within one row and
/// code is kept).
pub(crate) fn sort_findings(findings: &mut [ContinuityFinding]) {
    findings.sort_by_key(ContinuityFinding::order);
}

/// A level of continuity's verdict: the run's own levels and words (docs/spec/OLINPE.md §0.4).
pub use crate::report::verdict::Level;

/// Continuity's verdict: `{level, reasons: [{code, level, message, action}]}`, the shape of
/// the run's.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The most serious level of its reasons (`transmissible` without any).
    pub level: Level,
    /// Why, most serious first.
    pub reasons: Vec<Reason>,
}

/// One reason of continuity's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// Stable code ([`ReasonCode`]).
    pub code: ReasonCode,
    /// The level it sets.
    pub level: Level,
    /// What was found (French).
    pub message: String,
    /// What to do (French).
    pub action: Option<String>,
}

/// The reasons continuity's verdict can give (docs/spec/INTERFACES.md "Continuity JSON",
/// `verdict`), listed in `docs/findings.md` beside the finding codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReasonCode {
    /// The reference years do not follow each other (or one is unknown).
    #[serde(rename = "continuity-years-not-consecutive")]
    YearsNotConsecutive,
    /// Not the same département (or one is unknown).
    #[serde(rename = "continuity-departement-differs")]
    DepartementDiffers,
    /// Fewer than 20 % of this year's young people found last year.
    #[serde(rename = "continuity-chaining-low")]
    ChainingLow,
    /// Measures silent past the longest duration a decision can have.
    #[serde(rename = "continuity-silent-overdue")]
    SilentOverdue,
    /// Renewals without the end line of the period they renew.
    #[serde(rename = "continuity-renewed-without-end")]
    RenewedWithoutEnd,
    /// Indicators that moved past their threshold.
    #[serde(rename = "continuity-indicator-moved")]
    IndicatorMoved,
}

impl ReasonCode {
    /// Every reason, in the order the verdict lists them.
    pub const ALL: [ReasonCode; 6] = [
        ReasonCode::YearsNotConsecutive,
        ReasonCode::DepartementDiffers,
        ReasonCode::ChainingLow,
        ReasonCode::SilentOverdue,
        ReasonCode::RenewedWithoutEnd,
        ReasonCode::IndicatorMoved,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::YearsNotConsecutive => "continuity-years-not-consecutive",
            ReasonCode::DepartementDiffers => "continuity-departement-differs",
            ReasonCode::ChainingLow => "continuity-chaining-low",
            ReasonCode::SilentOverdue => "continuity-silent-overdue",
            ReasonCode::RenewedWithoutEnd => "continuity-renewed-without-end",
            ReasonCode::IndicatorMoved => "continuity-indicator-moved",
        }
    }

    /// The level it sets.
    pub fn level(self) -> Level {
        match self {
            ReasonCode::YearsNotConsecutive | ReasonCode::DepartementDiffers => Level::Bloquant,
            _ => Level::AVerifier,
        }
    }

    /// When it is given (French, for the documentation).
    pub fn when(self) -> &'static str {
        match self {
            ReasonCode::YearsNotConsecutive => {
                "les années de référence des deux fichiers ne se suivent pas, ou l'une est \
                 introuvable"
            }
            ReasonCode::DepartementDiffers => {
                "le NUMDEP le plus fréquent diffère entre les deux fichiers, ou l'un n'en a pas"
            }
            ReasonCode::ChainingLow => {
                "moins de 20 % des jeunes de cette année se retrouvent dans le fichier de l'an \
                 dernier (`chaining.rate` < 0,2)"
            }
            ReasonCode::SilentOverdue => {
                "au moins une mesure ouverte à la fin de l'an dernier est sans suite depuis plus \
                 de deux ans (`silent_overdue` > 0)"
            }
            ReasonCode::RenewedWithoutEnd => {
                "au moins un renouvellement de cette année prolonge une mesure de l'an dernier \
                 sans sa ligne de fin (`renewed_without_end` > 0)"
            }
            ReasonCode::IndicatorMoved => "au moins un indicateur est signalé (`flag`)",
        }
    }
}

/// The figures the verdict is decided from.
#[derive(Debug, Clone)]
pub(crate) struct VerdictInput<'a> {
    pub previous: &'a FileSummary,
    pub current: &'a FileSummary,
    pub chaining: &'a Chaining,
    pub current_young_people: u64,
    pub open: &'a OpenMeasures,
    pub flagged: Vec<&'a Indicator>,
}

/// Continuity's verdict (docs/spec/INTERFACES.md): `bloquant` when the files are not of
/// consecutive reference years or not of the same département; `a_verifier` when under
/// 20 % of this year's young people are found last year, a measure is silent past two
/// years, a renewal lacks its end line, or an indicator is flagged; else `transmissible`.
pub(crate) fn verdict(v: &VerdictInput<'_>) -> Verdict {
    let mut reasons = Vec::new();
    let year = |y: Option<i32>| y.map_or_else(|| "introuvable".to_owned(), |y| y.to_string());
    let consecutive = matches!(
        (v.previous.reference_year, v.current.reference_year),
        (Some(p), Some(c)) if c == p + 1
    );
    if !consecutive {
        reasons.push(Reason {
            code: ReasonCode::YearsNotConsecutive,
            level: Level::Bloquant,
            message: format!(
                "Les deux fichiers ne sont pas de deux années qui se suivent : année {} pour le \
                 fichier de l'an dernier, {} pour celui de cette année.",
                year(v.previous.reference_year),
                year(v.current.reference_year)
            ),
            action: Some(
                "Comparez le fichier transmis l'an dernier à celui de cette année ; si l'année \
                 de cette année est mal déduite des dates, indiquez-la (--year, ou « Année de \
                 référence » dans la page)."
                    .to_owned(),
            ),
        });
    }
    let same_dep = matches!(
        (&v.previous.numdep, &v.current.numdep),
        (Some(p), Some(c)) if p == c
    );
    if !same_dep {
        let dep = |d: &Option<String>| d.clone().unwrap_or_else(|| "introuvable".to_owned());
        reasons.push(Reason {
            code: ReasonCode::DepartementDiffers,
            level: Level::Bloquant,
            message: format!(
                "Les deux fichiers ne sont pas du même département : NUMDEP {} l'an dernier, {} \
                 cette année.",
                dep(&v.previous.numdep),
                dep(&v.current.numdep)
            ),
            action: Some("Comparez deux envois du même département.".to_owned()),
        });
    }
    if v.chaining.rate < 0.2 {
        reasons.push(Reason {
            code: ReasonCode::ChainingLow,
            level: Level::AVerifier,
            message: format!(
                "{} des {} jeunes de cette année ({}) se retrouvent dans le fichier de l'an \
                 dernier : moins de 20 %.",
                v.chaining.found,
                v.current_young_people,
                percent(v.chaining.rate)
            ),
            action: Some(
                "Vérifiez la clé et la variante du calcul des identifiants (jour de naissance, \
                 casse) : relancez la préparation de la transmission avec le fichier de l'an \
                 dernier pour que la page dise laquelle reproduit ses identifiants."
                    .to_owned(),
            ),
        });
    }
    if v.open.silent_overdue > 0 {
        reasons.push(Reason {
            code: ReasonCode::SilentOverdue,
            level: Level::AVerifier,
            message: format!(
                "{} mesure(s) ouverte(s) à la fin de l'an dernier sans suite depuis plus de deux \
                 ans.",
                v.open.silent_overdue
            ),
            action: Some(
                "Saisissez les lignes de fin (TYPEV 3) qui manquent, ou vérifiez l'extraction \
                 (constats continuity-silent-overdue, lignes du fichier de l'an dernier)."
                    .to_owned(),
            ),
        });
    }
    if v.open.renewed_without_end > 0 {
        reasons.push(Reason {
            code: ReasonCode::RenewedWithoutEnd,
            level: Level::AVerifier,
            message: format!(
                "{} renouvellement(s) de cette année sans la ligne de fin de la période \
                 renouvelée.",
                v.open.renewed_without_end
            ),
            action: Some(
                "Ajoutez à l'extraction la ligne de fin (TYPEV 3) de chaque période renouvelée \
                 (constats continuity-renewed-without-end)."
                    .to_owned(),
            ),
        });
    }
    if !v.flagged.is_empty() {
        let names: Vec<&str> = v.flagged.iter().map(|i| i.name.as_str()).collect();
        reasons.push(Reason {
            code: ReasonCode::IndicatorMoved,
            level: Level::AVerifier,
            message: format!(
                "{} indicateur(s) très différent(s) de l'an dernier : {}.",
                names.len(),
                names.join(", ")
            ),
            action: Some(
                "Vérifiez que l'extraction de cette année reprend les mêmes mesures et les mêmes \
                 variables que celle de l'an dernier (constats continuity-indicator-moved)."
                    .to_owned(),
            ),
        });
    }
    let level = reasons
        .iter()
        .map(|r| r.level)
        .max()
        .unwrap_or(Level::Transmissible);
    Verdict { level, reasons }
}

/// A rate as a person reads it: `12,5 %`.
pub(crate) fn percent(rate: f64) -> String {
    format!("{:.1} %", rate * 100.0).replace('.', ",")
}

impl ContinuityReport {
    /// The exact bytes of the continuity JSON (pretty, two-space indentation, final newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Exit status of `olinpe continuity`: 1 for `bloquant`, else 0.
    pub fn exit_status(&self) -> u8 {
        u8::from(self.verdict.level == Level::Bloquant)
    }

    /// The French text of `olinpe continuity --format text`.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "olinpe {} — continuité d'une année sur l'autre",
            self.tool.version
        );
        for (what, f) in [
            ("An dernier", &self.previous),
            ("Cette année", &self.current),
        ] {
            let _ = writeln!(
                s,
                "{what} : {} — {} enregistrement(s), année de référence {}, {} jeune(s), \
                 NUMDEP {}",
                f.name,
                f.rows,
                f.reference_year
                    .map_or_else(|| "indéterminée".to_owned(), |y| y.to_string()),
                f.young_people,
                f.numdep.as_deref().unwrap_or("inconnu")
            );
        }
        let _ = writeln!(
            s,
            "Avis de continuité : {} ({})",
            self.verdict.level.french(),
            self.verdict.level.as_str()
        );
        for r in &self.verdict.reasons {
            let _ = writeln!(s, "  - {} [{}]", r.message, r.code.as_str());
            if let Some(a) = &r.action {
                let _ = writeln!(s, "    À faire : {a}");
            }
        }
        let c = &self.chaining;
        let _ = writeln!(
            s,
            "Chaînage : {} jeune(s) de cette année sur {} retrouvé(s) l'an dernier ({}), dont {} \
             par NUMANONYMANT",
            c.found,
            self.current.young_people,
            percent(c.rate),
            c.via_numanonymant
        );
        let o = &self.open_measures;
        let _ = writeln!(
            s,
            "Mesures ouvertes à la fin de l'an dernier (et décisions pas encore commencées) : {}",
            o.previous_open
        );
        let _ = writeln!(
            s,
            "  terminées : {} ; renouvelées sans ligne de fin : {} ; commencées : {} ; sans \
             suite : {} (dont {} depuis plus de deux ans)",
            o.ended, o.renewed_without_end, o.started, o.silent, o.silent_overdue
        );
        let _ = writeln!(
            s,
            "Identités changées : {} ; NUMANONYMANT inconnus : {} ; fins sans ouverture : {}",
            self.identity_changes, self.numanonymant_unknown, self.ends_without_opening
        );
        let flagged: Vec<&Indicator> = self.indicators.iter().filter(|i| i.flag).collect();
        if flagged.is_empty() {
            let _ = writeln!(s, "Indicateurs : aucun écart signalé");
        } else {
            let _ = writeln!(s, "Indicateurs signalés :");
            for i in flagged {
                let _ = writeln!(
                    s,
                    "  {} : {} → {} ({})",
                    i.label,
                    value_text(i.previous),
                    value_text(i.current),
                    change_text(i)
                );
            }
        }
        if self.findings_total > 0 {
            let _ = writeln!(
                s,
                "Constats : {} (les {} premiers dans --format json)",
                self.findings_total,
                self.findings.len()
            );
            for f in self.findings.iter().take(30) {
                let place = match (f.row, f.file) {
                    (Some(r), Some(_)) => format!("an dernier, enr. {r}"),
                    (Some(r), None) => format!("cette année, enr. {r}"),
                    (None, _) => "les deux fichiers".to_owned(),
                };
                let _ = writeln!(s, "  {:<13} {place} : {}", f.severity.french(), f.message);
            }
        } else {
            let _ = writeln!(s, "Constats : aucun");
        }
        s
    }
}

/// `docs/findings.md`'s section on continuity's verdict (generated, appended after the
/// finding codes by `tests/docs_generated.rs`).
pub fn reasons_markdown() -> String {
    let mut s = String::from(
        "\n## Avis de continuité : les raisons\n\n\
         `olinpe continuity` (et la section « Continuité » de la page) donne son propre avis, \
         distinct de celui du contrôle : `verdict` du JSON de continuité, de même forme \
         (`{level, reasons: [{code, level, message, action}]}`). Il ne change jamais l'avis du \
         contrôle. Statut de sortie : 1 pour `bloquant`, sinon 0.\n\n\
         | Raison | Niveau | Quand |\n|---|---|---|\n",
    );
    for r in ReasonCode::ALL {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} |",
            r.as_str(),
            r.level().as_str(),
            r.when()
        );
    }
    s.push_str(
        "\nSans aucune de ces raisons, l'avis est `transmissible`. Ce que chaque compte veut \
         dire et ce qu'il faut faire : [continuity.md](continuity.md).\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The level's stable name is its JSON value, and the reasons' codes theirs.
    #[test]
    fn names_are_the_json_values() {
        for l in [Level::Transmissible, Level::AVerifier, Level::Bloquant] {
            assert_eq!(
                serde_json::to_value(l).ok(),
                Some(serde_json::Value::from(l.as_str()))
            );
        }
        for r in ReasonCode::ALL {
            assert_eq!(
                serde_json::to_value(r).ok(),
                Some(serde_json::Value::from(r.as_str()))
            );
            assert!(
                crate::finding::Code::parse(r.as_str()).is_some(),
                "{}",
                r.as_str()
            );
        }
    }
}
