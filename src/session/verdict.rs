//! The verdict (docs/spec/OLINPE.md §0.4): may this file be sent? One function,
//! [`decide`], over everything a run knows once pass 1 has ended — its findings and their
//! records, the rows set aside, the transmission XML's validity and why it fails, last
//! year's identifiers, the rows where the case number stood in for the identity, the
//! perimeter, the ONPE audit — so that the text, the report, the receipt and the page all
//! show the same verdict with the same reasons.
//!
//! Each reason's `message` says what was found, the same on every surface; its `action` is
//! worded for the command line (flags); the page words its own action from the reason's
//! code and numbers (`www/copy.js`), naming its own controls. The reasons' codes and levels
//! are one table (`crate::report::verdict::REASONS`), listed in `docs/findings.md`
//! ([`reasons_markdown`]).

use crate::engine::{Finished, Mode, Options};
use crate::finding::{Code, Severity};
use crate::report::{Level, Reason, ReasonCode, Settings, Verdict, REASONS};

/// `n / total` as a French percentage with one decimal (`12,5 %`).
fn percent(n: u64, total: u64) -> String {
    let p = if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    };
    format!("{:.1} %", p).replace('.', ",")
}

/// A variant of the identifier settings, in words.
fn variant(s: Settings) -> String {
    format!(
        "{}, hexadécimal en {}",
        if s.with_day {
            "jour de naissance inclus"
        } else {
            "sans le jour de naissance"
        },
        if s.uppercase {
            "majuscules"
        } else {
            "minuscules"
        }
    )
}

/// The flags that turn the settings `used` into `wanted` (command line).
fn flag_changes(used: Settings, wanted: Settings) -> String {
    let mut out = Vec::new();
    if used.with_day != wanted.with_day {
        out.push(if wanted.with_day {
            "ajoutez --with-day"
        } else {
            "retirez --with-day"
        });
    }
    if used.uppercase != wanted.uppercase {
        out.push(if wanted.uppercase {
            "ajoutez --uppercase"
        } else {
            "retirez --uppercase"
        });
    }
    out.join(" et ")
}

/// Decides the verdict of a run from what pass 1 found (`f`) and the options it ran with.
pub fn decide(f: &Finished, opts: &Options) -> Verdict {
    let r = &f.report;
    let rows = r.input.rows;
    let mut reasons = Vec::new();
    if f.mode == Mode::Rehash {
        // The reader's errors (a date a spreadsheet damaged, a record with too many fields…)
        // block a re-hash as they always did (malformed identifiers have their own reason).
        let malformed = r
            .counts
            .get(&Code::RehashIdentifierInvalid)
            .copied()
            .unwrap_or(0);
        let errors = r.severity_count(Severity::Error).saturating_sub(malformed);
        if errors > 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::ErrorFindings,
                    format!("{errors} erreur(s) bloquante(s) dans le fichier reçu."),
                    Some("Demandez au département un fichier corrigé.".into()),
                )
                .counting(f.error_records, Some(rows)),
            );
        }
        if f.rows.rejected > 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::RowsRejected,
                    format!(
                        "{} ligne(s) sur {} écartée(s) : elles manquent dans le fichier re-haché.",
                        f.rows.rejected, f.rows.read
                    ),
                    Some(
                        "Vérifiez le fichier reçu (format du décret 2011, lignes illisibles) et \
                         demandez un nouvel envoi au département."
                            .into(),
                    ),
                )
                .counting(f.rows.rejected, Some(f.rows.read)),
            );
        }
        let n = f.malformed_ids.len() as u64;
        if n > 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::IdentifiersMalformed,
                    format!(
                        "{n} identifiant(s) reçu(s) ne comptent pas 40 caractères hexadécimaux : \
                         ils ont été re-hachés tels quels et ne pourront être reliés à aucun autre envoi."
                    ),
                    Some(
                        "Demandez au département d'en vérifier le calcul (lignes listées dans le \
                         reçu, « malformed »)."
                            .into(),
                    ),
                )
                .counting(n, Some(f.rows.read)),
            );
        }
        return Verdict::of(reasons);
    }

    // ---- bloquant ------------------------------------------------------------------------
    let errors = r.severity_count(Severity::Error);
    if errors > 0 {
        let on = if f.error_records > 0 {
            format!(" sur {} enregistrement(s)", f.error_records)
        } else {
            " sur le fichier entier".to_owned()
        };
        reasons.push(
            Reason::new(
                ReasonCode::ErrorFindings,
                format!("{errors} erreur(s) bloquante(s){on}."),
                Some(
                    "Corrigez-les dans le logiciel métier, en commençant par « À corriger en \
                     priorité » (toutes dans --findings-csv ; avec le n° de dossier dans \
                     --corrections), puis exportez et relancez."
                        .into(),
                ),
            )
            .counting(f.error_records, Some(rows)),
        );
    }
    if r.reference_year.is_none() && rows > 0 {
        reasons.push(Reason::new(
            ReasonCode::ReferenceYearMissing,
            "L'année de référence du fichier n'a pas pu être déterminée (aucune date de décision \
             ni de début utilisable)."
                .into(),
            Some("Renseignez DATDECPE et DATDEB, ou indiquez l'année avec --year AAAA.".into()),
        ));
    }
    if f.mode == Mode::Pseudonymise {
        if f.rows.rejected > 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::RowsRejected,
                    format!(
                        "{} ligne(s) sur {} écartée(s) : sans identifiant, elles manqueraient \
                         dans le fichier transmis.",
                        f.rows.rejected, f.rows.read
                    ),
                    Some(
                        "Complétez l'identité de ces enregistrements (prénom, nom de naissance de \
                         la mère, mois et année de naissance) ou leur numéro de dossier ; ils sont \
                         listés dans le reçu (« rejected »)."
                            .into(),
                    ),
                )
                .counting(f.rows.rejected, Some(f.rows.read)),
            );
        }
        if f.xsd_other_records > 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::XsdInvalid,
                    format!(
                        "Le fichier XML n'est pas conforme au schéma XSD de l'ONPE : {} \
                         enregistrement(s) ont des valeurs qu'il refuse (hors formes prévues par \
                         le guide).",
                        f.xsd_other_records
                    ),
                    Some(
                        "Corrigez ces valeurs (codes ou formats en erreur) ; les enregistrements \
                         sont listés dans le reçu (« invalid_records »)."
                            .into(),
                    ),
                )
                .counting(f.xsd_other_records, Some(f.rows.written)),
            );
        }
    }

    // ---- à vérifier ----------------------------------------------------------------------
    if let (Mode::Pseudonymise, Some(p)) = (f.mode, &f.previous) {
        let used = Settings {
            with_day: opts.with_day,
            uppercase: opts.uppercase,
        };
        // Without a day of birth that changes anything, "with day" is "without".
        let rate_of = |s: Settings| {
            p.variants
                .iter()
                .find(|v| v.with_day == s.with_day && v.uppercase == s.uppercase)
                .or_else(|| {
                    p.variants
                        .iter()
                        .find(|v| !v.with_day && v.uppercase == s.uppercase)
                })
        };
        let used_rate = rate_of(used);
        let (matched, rate) = used_rate.map_or((0, 0.0), |v| (v.matched, v.rate));
        if let Some(rec) = p.recommended {
            let wanted = Settings {
                with_day: rec.with_day,
                uppercase: rec.uppercase,
            };
            if wanted != used {
                let best = rate_of(wanted).map_or(0.0, |v| v.rate);
                let mut reason = Reason::new(
                    ReasonCode::PreviousOtherSetting,
                    format!(
                        "Les identifiants de l'an dernier sont mieux reproduits avec un autre \
                         réglage ({}) : {} des jeunes retrouvés, contre {} avec le réglage utilisé.",
                        variant(wanted),
                        percent((best * 10_000.0).round() as u64, 10_000),
                        percent((rate * 10_000.0).round() as u64, 10_000),
                    ),
                    Some(format!(
                        "Relancez avec les réglages recommandés : {}.",
                        flag_changes(used, wanted)
                    )),
                )
                .counting(matched, Some(p.identities));
                reason.settings = Some(wanted);
                reasons.push(reason);
            }
        }
        if p.identities > 0 && matched * 5 < p.identities {
            reasons.push(
                Reason::new(
                    ReasonCode::PreviousLowMatch,
                    format!(
                        "Seuls {matched} des {} jeunes de cette année ({}) ont l'identifiant \
                         qu'ils avaient dans le fichier de l'an dernier.",
                        p.identities,
                        percent(matched, p.identities)
                    ),
                    Some(
                        "Vérifiez la clé (--key-file) et les réglages (--with-day, --uppercase) : \
                         une mauvaise clé ou un logiciel qui normalisait les noms autrement donnent \
                         environ 0 %."
                            .into(),
                    ),
                )
                .counting(matched, Some(p.identities)),
            );
        }
    }
    if f.mode == Mode::Pseudonymise && f.rows.read > 0 && f.numdo_rows * 20 > f.rows.read {
        reasons.push(
            Reason::new(
                ReasonCode::NumdoSubstitution,
                format!(
                    "Le numéro de dossier (NUMDO) a remplacé une partie de l'identité sur {} \
                     ligne(s) sur {} ({}) : ces jeunes changeront d'identifiant quand leur \
                     identité sera saisie.",
                    f.numdo_rows,
                    f.rows.read,
                    percent(f.numdo_rows, f.rows.read)
                ),
                Some(
                    "Vérifiez que PRENOM, le nom de naissance de la mère, MNAIS et ANAIS sont bien \
                     les colonnes du fichier (--map-file), puis complétez l'identité dans le \
                     logiciel métier (constats « identity-substituted-numdo »)."
                        .into(),
                ),
            )
            .counting(f.numdo_rows, Some(f.rows.read)),
        );
    }
    let out = r.counts.get(&Code::OutOfPerimeter).copied().unwrap_or(0);
    if rows > 0 && out * 2 > rows {
        let year = r
            .reference_year
            .map_or_else(|| "l'année de référence".to_owned(), |y| y.to_string());
        reasons.push(
            Reason::new(
                ReasonCode::MostlyOutOfPerimeter,
                format!(
                    "{out} enregistrement(s) sur {rows} ({}) n'ont aucune date en {year}, \
                     l'année de référence du fichier.",
                    percent(out, rows)
                ),
                Some(
                    "Vérifiez la période de l'extraction, ou indiquez l'année du fichier avec \
                     --year AAAA."
                        .into(),
                ),
            )
            .counting(out, Some(rows)),
        );
    }
    let red: Vec<_> = r
        .audit
        .iter()
        .filter(|a| a.status == "red" && a.count > 0)
        .filter(|a| {
            !r.priorities
                .iter()
                .any(|p| p.severity == Severity::Error && p.section == Some(a.section))
        })
        .collect();
    if !red.is_empty() {
        let list: Vec<String> = red
            .iter()
            .map(|a| format!("{} ({})", a.section, a.title))
            .collect();
        let mut reason = Reason::new(
            ReasonCode::AuditRedWithoutError,
            format!(
                "L'audit de l'ONPE sera rouge sans erreur bloquante ici : {}.",
                list.join(" ; ")
            ),
            Some(
                "Consultez ces sections dans le rapport et corrigez les enregistrements concernés \
                 (colonne « section » de --findings-csv)."
                    .into(),
            ),
        )
        .counting(red.len() as u64, None);
        reason.sections = red.iter().map(|a| a.section).collect();
        reasons.push(reason);
    }
    if f.mode == Mode::Check
        && f.identity.any()
        && r.variables
            .iter()
            .any(|v| v.code == "NUMANONYM" && v.filled == 0)
    {
        reasons.push(Reason::new(
            ReasonCode::NominativeFile,
            "Fichier nominatif (identité présente, NUMANONYM vide). À pseudonymiser avant \
             l'envoi."
                .into(),
            Some(
                "Préparez la transmission avec olinpe pseudonymise, qui calcule les identifiants, \
                 contrôle à nouveau et produit les fichiers à transmettre."
                    .into(),
            ),
        ));
    }

    // ---- notes ---------------------------------------------------------------------------
    if f.mode == Mode::Pseudonymise && f.xsd_guide_records > 0 {
        reasons.push(
            Reason::new(
                ReasonCode::XsdGuideForms,
                format!(
                    "{} enregistrement(s) utilisent des formes prévues par le guide (dates \
                     partiellement inconnues comme 2018-05-99 ou 9999-99-99, NUMDEP 977, 978, \
                     986, 987) que le schéma XSD refuse : l'ONPE les lit à la réception, rien \
                     n'est à corriger.",
                    f.xsd_guide_records
                ),
                None,
            )
            .counting(f.xsd_guide_records, Some(f.rows.written)),
        );
    }
    for a in &r.audit {
        if let (Some(n), 0) = (a.onpe_count, a.count) {
            if n == 0 {
                continue;
            }
            let unit = match a.unit {
                "variables" => "variable(s)",
                "young_people" => "jeune(s)",
                _ => "enregistrement(s)",
            };
            let mut reason = Reason::new(
                ReasonCode::OnpeWillFlag,
                format!(
                    "L'audit de l'ONPE comptera {n} {unit} dans la section {} ({}), mais la \
                     règle du guide n'en trouve aucun : le fichier est juste selon le guide.",
                    a.section, a.title
                ),
                None,
            )
            .counting(n, None);
            reason.sections = vec![a.section];
            reasons.push(reason);
        }
    }
    Verdict::of(reasons)
}

/// The section of `docs/findings.md` that lists the verdict's reasons (generated from the
/// table; `tests/docs_generated.rs` checks the committed file).
pub fn reasons_markdown() -> String {
    use std::fmt::Write;
    let mut s = String::from(
        "\n## Raisons du verdict\n\n\
         Chaque exécution (vérification, préparation de la transmission, re-hachage) se conclut \
         par un verdict : `transmissible` (« Peut être transmis »), `a_verifier` (« À vérifier \
         avant de transmettre ») ou `bloquant` (« Ne pas transmettre en l'état », statut de \
         sortie 1). Il est le pire niveau de ses raisons ; une raison de niveau \
         `transmissible` est une note, qui rassure sans rien changer (docs/spec/OLINPE.md \
         §0.4). Le rapport JSON (`verdict`), le reçu, le texte et la page donnent le même \
         verdict. Les codes sont stables.\n\n\
         | Code | Niveau | Titre |\n|---|---|---|\n",
    );
    for e in REASONS {
        let level = match e.level {
            Level::Bloquant => "bloquant",
            Level::AVerifier => "à vérifier",
            Level::Transmissible => "note",
        };
        let _ = writeln!(s, "| `{}` | {} | {} |", e.code.as_str(), level, e.title);
    }
    for e in REASONS {
        let _ = write!(
            s,
            "\n### `{}`\n\n{} — {}.\n\n{}\n",
            e.code.as_str(),
            e.title,
            e.level.as_str(),
            e.explanation
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_flags_read_in_french() {
        assert_eq!(percent(1, 8), "12,5 %");
        assert_eq!(percent(0, 0), "0,0 %");
        let off = Settings {
            with_day: false,
            uppercase: true,
        };
        let on = Settings {
            with_day: true,
            uppercase: false,
        };
        assert_eq!(
            flag_changes(off, on),
            "ajoutez --with-day et retirez --uppercase"
        );
        assert_eq!(
            variant(on),
            "jour de naissance inclus, hexadécimal en minuscules"
        );
    }

    #[test]
    fn the_doc_lists_every_reason() {
        let md = reasons_markdown();
        for e in REASONS {
            assert!(md.contains(&format!("### `{}`", e.code.as_str())));
        }
    }
}
