//! `--previous`: which variant of the level-1 hash reproduces last year's identifiers
//! (docs/spec/INTERFACES.md). The variants are the day of birth (without; with, only when the input has
//! `JNAIS`) × the hexadecimal case (lower, upper).
//!
//! Streaming: this year's records go through [`VariantProbe::observe_identity`], last year's
//! `NUMANONYM` values through [`VariantProbe::observe_previous_id`], in any order. Memory holds
//! 64-bit prefixes only: two per distinct identity (identifier without and with the day; the
//! case variants share them) and one per previous identifier — never a name.

use super::identity::resolve;
use super::rehash::is_valid_id;
use super::scheme::{Onpe2016, Scheme};
use super::Key;
use crate::record::Record;
use serde::Serialize;
use std::collections::HashSet;

/// One variant of the level-1 options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// `JNAIS` in the birth string.
    pub with_day: bool,
    /// Upper-case hexadecimal.
    pub uppercase: bool,
}

/// The match rate of one variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantRate {
    /// `JNAIS` in the birth string.
    pub with_day: bool,
    /// Upper-case hexadecimal.
    pub uppercase: bool,
    /// This year's distinct identities whose identifier under this variant is among last
    /// year's `NUMANONYM` values.
    pub matched: u64,
    /// `matched / identities`, rounded to 4 decimals (0 when there is no identity).
    pub rate: f64,
}

/// What `--previous` found, for the receipt and the screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantReport {
    /// Distinct identities of this year's file (rows with an identifier).
    pub identities: u64,
    /// Distinct well-formed identifiers in last year's file.
    pub previous_ids: u64,
    /// Every variant tried, best first (ties in the fixed order of the variants).
    pub variants: Vec<VariantRate>,
    /// The recommended variant: rate at least 0.3 and at least 0.1 above the next.
    pub recommended: Option<Variant>,
    /// French warning when no variant can be recommended.
    pub warning: Option<String>,
}

impl VariantReport {
    /// French advice when the options chosen differ from the recommended variant.
    pub fn advice(&self, with_day: bool, uppercase: bool) -> Option<String> {
        let rec = self.recommended?;
        if rec.with_day == with_day && rec.uppercase == uppercase {
            return None;
        }
        Some(format!(
            "Les identifiants de l'an dernier sont mieux reproduits avec : {}, {}. \
             Relancez avec ces options pour garder le chaînage d'une année sur l'autre.",
            if rec.with_day {
                "jour de naissance inclus (--with-day)"
            } else {
                "sans le jour de naissance"
            },
            if rec.uppercase {
                "hexadécimal en majuscules (--uppercase)"
            } else {
                "hexadécimal en minuscules"
            },
        ))
    }
}

/// Collects this year's identities and last year's identifiers, then rates the variants.
pub struct VariantProbe {
    scheme: Box<dyn Scheme>,
    key: Key,
    has_jnais: bool,
    /// True once an identity's day of birth changed its identifier.
    day_seen: bool,
    /// Per distinct identity: prefixes of the identifier without and with the day.
    identities: HashSet<[u64; 2]>,
    previous_lower: HashSet<u64>,
    previous_upper: HashSet<u64>,
    previous: HashSet<(u64, bool, bool)>,
}

impl std::fmt::Debug for VariantProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VariantProbe")
            .field("has_jnais", &self.has_jnais)
            .field("day_seen", &self.day_seen)
            .field("identities", &self.identities.len())
            .field("previous", &self.previous.len())
            .finish()
    }
}

/// The first 16 hexadecimal digits of a well-formed identifier, case folded.
fn prefix64(id: &str) -> u64 {
    id.get(..16)
        .and_then(|p| u64::from_str_radix(p, 16).ok())
        .unwrap_or(0)
}

impl VariantProbe {
    /// A probe with the département key; `has_jnais` when this year's input has a `JNAIS`
    /// column. The "with day" variants are tried only then, and only when some record's day
    /// of birth actually changes its identifier. Last year's identifiers are fed with
    /// [`VariantProbe::observe_previous_id`].
    pub fn new(key: Key, has_jnais: bool) -> Self {
        VariantProbe {
            scheme: Box::new(Onpe2016),
            key,
            has_jnais,
            day_seen: false,
            identities: HashSet::new(),
            previous_lower: HashSet::new(),
            previous_upper: HashSet::new(),
            previous: HashSet::new(),
        }
    }

    /// Adds one of this year's records (rows without a usable identity are skipped, as they
    /// get no identifier).
    pub fn observe_identity(&mut self, rec: &Record) {
        let Some(without) = resolve(rec, false).input else {
            return;
        };
        let p0 = prefix64(&self.scheme.level1(&without, &self.key));
        let p1 = match self.has_jnais.then(|| resolve(rec, true).input).flatten() {
            Some(with) if with.birth != without.birth => {
                self.day_seen = true;
                prefix64(&self.scheme.level1(&with, &self.key))
            }
            _ => p0,
        };
        self.identities.insert([p0, p1]);
    }

    /// Adds one `NUMANONYM` of last year's file. Values that are not 40 hexadecimal
    /// characters, or that mix cases, cannot be reproduced by any variant and are ignored.
    pub fn observe_previous_id(&mut self, id: &str) {
        let id = id.trim();
        if !is_valid_id(id) {
            return;
        }
        let has_lower = id.bytes().any(|b| b.is_ascii_lowercase());
        let has_upper = id.bytes().any(|b| b.is_ascii_uppercase());
        let p = prefix64(id);
        // A value with digits only is the same string in both cases.
        if !has_upper {
            self.previous_lower.insert(p);
        }
        if !has_lower {
            self.previous_upper.insert(p);
        }
        self.previous.insert((p, has_lower, has_upper));
    }

    /// Rates every variant and recommends one when it stands out.
    pub fn finish(self) -> VariantReport {
        let n = self.identities.len() as u64;
        let mut variants = Vec::with_capacity(4);
        // With no day of birth filled anywhere (or no JNAIS column), "with day" is the same
        // as "without" and is not listed.
        let days: &[bool] = if self.day_seen {
            &[false, true]
        } else {
            &[false]
        };
        for &with_day in days {
            for uppercase in [false, true] {
                let set = if uppercase {
                    &self.previous_upper
                } else {
                    &self.previous_lower
                };
                let matched = self
                    .identities
                    .iter()
                    .filter(|ids| set.contains(&ids[usize::from(with_day)]))
                    .count() as u64;
                let rate = if n == 0 {
                    0.0
                } else {
                    (matched as f64 / n as f64 * 10_000.0).round() / 10_000.0
                };
                variants.push(VariantRate {
                    with_day,
                    uppercase,
                    matched,
                    rate,
                });
            }
        }
        // Stable sort: equal counts keep the fixed order above.
        variants.sort_by_key(|v| std::cmp::Reverse(v.matched));
        let best = variants.first().map_or(0, |v| v.matched);
        let next = variants.get(1).map_or(0, |v| v.matched);
        // Integer forms of "rate ≥ 0.3" and "rate − next ≥ 0.1".
        let stands_out = n > 0 && 10 * best >= 3 * n && 10 * (best - next) >= n;
        let recommended = stands_out
            .then(|| variants.first())
            .flatten()
            .map(|v| Variant {
                with_day: v.with_day,
                uppercase: v.uppercase,
            });
        let warning = if recommended.is_some() {
            None
        } else if self.previous.is_empty() {
            Some(
                "Le fichier de l'an dernier ne contient aucun NUMANONYM de 40 caractères \
                 hexadécimaux : impossible de vérifier le chaînage."
                    .to_owned(),
            )
        } else if n > 0 && 10 * best >= 3 * n {
            Some(
                "Plusieurs variantes (jour de naissance, casse de l'hexadécimal) reproduisent \
                 presque autant les identifiants de l'an dernier : aucune n'est recommandée. \
                 Choisissez les options selon la pratique des envois précédents."
                    .to_owned(),
            )
        } else if n == 0 {
            Some(
                "Aucun identifiant n'a pu être calculé cette année : impossible de vérifier \
                 le chaînage avec l'an dernier."
                    .to_owned(),
            )
        } else {
            Some(
                "Aucune variante (jour de naissance, casse de l'hexadécimal) ne reproduit les \
                 identifiants de l'an dernier : la clé n'est peut-être pas la bonne, ou le \
                 logiciel précédent normalisait les noms autrement. Vérifiez avant de transmettre."
                    .to_owned(),
            )
        };
        VariantReport {
            identities: n,
            previous_ids: self.previous.len() as u64,
            variants,
            recommended,
            warning,
        }
    }
}
