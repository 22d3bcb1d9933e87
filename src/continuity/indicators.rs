//! The indicators compared between the two years (docs/spec/INTERFACES.md "Continuity
//! JSON", `indicators`): counts and informative rates that an extraction change would move,
//! with stable names, and the rule that flags them — a count that moves by more than 30 % and
//! by at least 20, a rate that moves by more than 20 points. The comparisons are done on
//! integers, so native and WebAssembly builds flag the same indicators.

use super::facts::FileFacts;
use crate::dictionary::{ids, VARIABLES};
use crate::rules::file::code_byte;
use serde::Serialize;

/// The figures of one file that the indicators need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Figures<'a> {
    pub facts: &'a FileFacts,
    pub young_people: u64,
    pub minors: u64,
    pub young_adults: u64,
}

/// One indicator of the continuity JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Stable name: `young_people`, `minors`, `young_adults`, `typev:N`, `DECISION:N`,
    /// `NATPDECADM:CODE`, `NATDECASSED:CODE`, `rate:VARIABLE`.
    pub name: String,
    /// What it counts (French).
    pub label: String,
    /// Last year's value: a count, or a rate (0–1, four decimals).
    pub previous: Value,
    /// This year's value.
    pub current: Value,
    /// A count's relative change (`(current − previous) / previous`, four decimals; `null`
    /// when last year's count is 0); a rate's change in rate units (`current − previous`,
    /// four decimals: −0.25 is 25 points down).
    pub change: Option<f64>,
    /// Flagged: a count moved by more than 30 % and by at least 20, or a rate by more than
    /// 20 points.
    pub flag: bool,
    /// The variable it is about, when there is one (for the finding).
    #[serde(skip)]
    pub variable: Option<&'static str>,
    /// Its family, for the finding's explanation.
    #[serde(skip)]
    pub family: Family,
}

/// A count or a rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A number of records or young people.
    Count(u64),
    /// A share of records, 0–1.
    Rate(f64),
}

/// What an indicator counts, for the finding's explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Family {
    /// Young people, minors, young adults.
    #[default]
    People,
    /// Records by event type.
    EventType,
    /// Records by decision or nature.
    Measure,
    /// A variable's informative rate.
    Rate,
}

impl Family {
    /// Why the move matters and where to look (French, for the finding).
    pub fn why(self) -> &'static str {
        match self {
            Family::People => {
                "Un tel écart vient plus souvent d'une extraction qui a changé (périmètre, \
                 filtre, période) que de l'activité réelle ; l'ONPE le lirait comme une \
                 évolution du nombre d'enfants protégés : vérifiez l'extraction."
            }
            Family::EventType => {
                "Des lignes de début, de renouvellement ou de fin manquent peut-être dans \
                 l'extraction ; l'ONPE en déduit les entrées, les sorties et les durées des \
                 mesures : vérifiez que tous les évènements de l'année sont exportés."
            }
            Family::Measure => {
                "Une catégorie de mesures manque peut-être dans l'extraction (une nature de \
                 décision non exportée, un service oublié) ; l'ONPE le lirait comme un \
                 changement de la politique de protection : vérifiez l'extraction."
            }
            Family::Rate => {
                "Le remplissage de cette variable a beaucoup changé : une colonne qui n'est \
                 plus exportée ou plus saisie, ou un nouveau codage, fausserait les \
                 statistiques de l'ONPE sur cette variable : vérifiez sa saisie et son \
                 extraction."
            }
        }
    }
}

/// Rounds to four decimals (the JSON's rates and changes).
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A count indicator.
fn count(
    name: String,
    label: String,
    previous: u64,
    current: u64,
    variable: Option<&'static str>,
    family: Family,
) -> Indicator {
    let diff = current.abs_diff(previous);
    // More than 30 % (10 × diff > 3 × previous) and at least 20: from 0, any count of 20 or more.
    let flag = diff >= 20 && u128::from(diff) * 10 > u128::from(previous) * 3;
    let change =
        (previous > 0).then(|| round4((current as f64 - previous as f64) / previous as f64));
    Indicator {
        name,
        label,
        previous: Value::Count(previous),
        current: Value::Count(current),
        change,
        flag,
        variable,
        family,
    }
}

/// The informative-rate indicator of one variable.
fn rate(var: usize, prev: (u64, u64), cur: (u64, u64)) -> Indicator {
    let (pn, pd) = prev;
    let (cn, cd) = cur;
    let r = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    // |cn/cd − pn/pd| > 1/5 on integers: 5·|cn·pd − pn·cd| > cd·pd, a file without rows
    // counting as rate 0 (0/1).
    let norm = |n: u64, d: u64| {
        if d == 0 {
            (0u128, 1u128)
        } else {
            (u128::from(n), u128::from(d))
        }
    };
    let ((pn1, pd1), (cn1, cd1)) = (norm(pn, pd), norm(cn, cd));
    let flag = (cn1 * pd1).abs_diff(pn1 * cd1) * 5 > cd1 * pd1;
    let code = VARIABLES[var].code;
    Indicator {
        name: format!("rate:{code}"),
        label: format!(
            "Taux de remplissage informatif de {code} ({})",
            VARIABLES[var].label
        ),
        previous: Value::Rate(round4(r(pn, pd))),
        current: Value::Rate(round4(r(cn, cd))),
        change: Some(round4(r(cn, cd) - r(pn, pd))),
        flag,
        variable: Some(code),
        family: Family::Rate,
    }
}

/// Every indicator, in their documented order: the young people, minors and young adults,
/// the event types, the decisions, the natures of each decision (every modality of the
/// dictionary, in its order), then the informative rate of each of the 105 variables (XSD
/// order).
pub(crate) fn compare(prev: Figures<'_>, cur: Figures<'_>) -> Vec<Indicator> {
    let mut out = Vec::with_capacity(150);
    out.push(count(
        "young_people".into(),
        "Jeunes (NUMANONYM distincts)".into(),
        prev.young_people,
        cur.young_people,
        Some("NUMANONYM"),
        Family::People,
    ));
    out.push(count(
        "minors".into(),
        "Jeunes mineurs à leur dernière décision".into(),
        prev.minors,
        cur.minors,
        None,
        Family::People,
    ));
    out.push(count(
        "young_adults".into(),
        "Jeunes majeurs à leur dernière décision".into(),
        prev.young_adults,
        cur.young_adults,
        None,
        Family::People,
    ));
    let typev = ["mesure ou prestation", "renouvellement", "fin de mesure"];
    for (k, label) in typev.iter().enumerate() {
        out.push(count(
            format!("typev:{}", k + 1),
            format!("Lignes TYPEV {} ({label})", k + 1),
            prev.facts.typev[k],
            cur.facts.typev[k],
            Some("TYPEV"),
            Family::EventType,
        ));
    }
    let decision = &VARIABLES[ids::DECISION];
    for (k, code) in ["1", "2"].iter().enumerate() {
        let label = decision
            .modalities
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, l)| l);
        out.push(count(
            format!("DECISION:{code}"),
            format!("Lignes DECISION {code} ({label})"),
            prev.facts.decision[k],
            cur.facts.decision[k],
            Some("DECISION"),
            Family::Measure,
        ));
    }
    for (var, p, c) in [
        (
            ids::NATPDECADM,
            &prev.facts.natpdecadm,
            &cur.facts.natpdecadm,
        ),
        (
            ids::NATDECASSED,
            &prev.facts.natdecassed,
            &cur.facts.natdecassed,
        ),
    ] {
        let v = &VARIABLES[var];
        for (code, label) in v.modalities {
            let b = usize::from(code_byte(code));
            out.push(count(
                format!("{}:{code}", v.code),
                format!("Lignes {} {code} ({label})", v.code),
                p.0[b],
                c.0[b],
                Some(v.code),
                Family::Measure,
            ));
        }
    }
    let (pi, ci) = (prev.facts.informative(), cur.facts.informative());
    for var in 0..ids::N_DECREE {
        out.push(rate(
            var,
            (pi[var], prev.facts.rows),
            (ci[var], cur.facts.rows),
        ));
    }
    out
}

/// The change as a person reads it: `+35 %`, `−40 %`, `nouveau` (a count from 0), `−25
/// points` (a rate).
pub(crate) fn change_text(i: &Indicator) -> String {
    match (i.previous, i.change) {
        (Value::Rate(_), Some(c)) => format!("{} points", signed(c * 100.0, 1)),
        (Value::Count(_), Some(c)) => format!("{} %", signed(c * 100.0, 1)),
        (Value::Count(_), None) => "absent l'an dernier".to_owned(),
        (Value::Rate(_), None) => String::new(),
    }
}

/// A value as a person reads it: a count, or a rate in per cent.
pub(crate) fn value_text(v: Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Rate(r) => format!("{} %", decimal(r * 100.0, 1)),
    }
}

/// `x` with a sign (`+`, `−`) and `places` decimals, decimal comma.
fn signed(x: f64, places: usize) -> String {
    let s = decimal(x.abs(), places);
    if x > 0.0 && s != decimal(0.0, places) {
        format!("+{s}")
    } else if x < 0.0 && s != decimal(0.0, places) {
        format!("−{s}")
    } else {
        s
    }
}

/// `x` with `places` decimals and a decimal comma (French).
fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_flag_past_30_percent_and_20() {
        let f = |p, c| count("x".into(), "x".into(), p, c, None, Family::People).flag;
        // One line per case: previous, current, flagged.
        let cases = [
            (100, 131, true),  // +31, > 30 %
            (100, 130, false), // exactly 30 %: not more
            (100, 69, true),   // −31
            (100, 70, false),
            (50, 69, false), // +38 % but only 19
            (50, 70, true),  // +40 %, 20
            (0, 19, false),
            (0, 20, true), // a category that appears
            (20, 0, true), // a category that disappears
            (19, 0, false),
            (1000, 1250, false), // +25 %
            (1000, 1301, true),
        ];
        for (p, c, want) in cases {
            assert_eq!(f(p, c), want, "{p} → {c}");
        }
        let i = count("x".into(), "x".into(), 200, 150, None, Family::People);
        assert_eq!(i.change, Some(-0.25));
        let new = count("x".into(), "x".into(), 0, 30, None, Family::People);
        assert_eq!(new.change, None);
    }

    #[test]
    fn rates_flag_past_20_points() {
        let f = |p: (u64, u64), c: (u64, u64)| rate(ids::DATDEB, p, c);
        // One line per case: previous (informative, rows), current, flagged.
        let cases = [
            ((90, 100), (69, 100), true),
            ((90, 100), (70, 100), false),  // exactly 20 points
            ((90, 100), (140, 200), false), // 0.9 → 0.7
            ((90, 100), (139, 200), true),
            ((0, 100), (21, 100), true),
            ((0, 0), (21, 100), true),
            ((0, 0), (0, 0), false),
            ((50, 100), (0, 0), true),
        ];
        for (p, c, want) in cases {
            assert_eq!(f(p, c).flag, want, "{p:?} → {c:?}");
        }
        let i = f((90, 100), (140, 200));
        assert_eq!(i.previous, Value::Rate(0.9));
        assert_eq!(i.current, Value::Rate(0.7));
        assert_eq!(i.change, Some(-0.2));
        assert_eq!(change_text(&i), "−20,0 points");
        assert_eq!(i.name, "rate:DATDEB");
    }

    #[test]
    fn changes_read_in_french() {
        let i = count("x".into(), "x".into(), 200, 270, None, Family::People);
        assert_eq!(change_text(&i), "+35,0 %");
        let i = count("x".into(), "x".into(), 0, 30, None, Family::People);
        assert_eq!(change_text(&i), "absent l'an dernier");
        assert_eq!(value_text(Value::Rate(0.4567)), "45,7 %");
        assert_eq!(value_text(Value::Count(12)), "12");
    }
}
