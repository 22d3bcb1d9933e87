//! `--previous` variant detection (docs/spec/INTERFACES.md): which of day × hex case reproduces last
//! year's identifiers, and when a variant is recommended.

use olinpe::dictionary::ids;
use olinpe::pseudo::{Key, Pseudonymiser, Variant, VariantProbe, VariantReport};
use olinpe::record::Record;

const FIRST: [&str; 10] = [
    "Pierre", "Marie", "Kevin", "Lucas", "Emma", "Jade", "Louis", "Chloé", "Hugo", "Léa",
];

fn key() -> Key {
    Key::new("CLE_DE_TEST").unwrap()
}

/// Ten distinct children, each with a day of birth unless `no_day`.
fn records(no_day: bool) -> Vec<Record> {
    FIRST
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut r = Record::new();
            r.identity.prenom.set(p);
            r.identity.nommere.set("Dupont");
            if !no_day {
                r.identity.jnais.set(&format!("{}", i + 1));
            }
            r.set(ids::MNAIS, "09");
            r.set(ids::ANAIS, "2010");
            r
        })
        .collect()
}

/// Last year's identifiers of the first `n` records under a variant.
fn previous(recs: &[Record], n: usize, with_day: bool, uppercase: bool) -> Vec<String> {
    let p = Pseudonymiser::new(key(), with_day, uppercase);
    recs.iter()
        .take(n)
        .map(|r| {
            let mut r = r.clone();
            p.apply(&mut r, &mut Vec::new()).unwrap();
            r.get(ids::NUMANONYM).to_owned()
        })
        .collect()
}

/// Runs the probe; `ids_first` feeds last year's identifiers before this year's records
/// (the order must not matter).
fn probe(recs: &[Record], prev: &[String], has_jnais: bool, ids_first: bool) -> VariantReport {
    let mut probe = VariantProbe::new(key(), has_jnais);
    if ids_first {
        for id in prev {
            probe.observe_previous_id(id);
        }
    }
    for r in recs {
        probe.observe_identity(r);
        // The same identity twice counts once.
        probe.observe_identity(r);
    }
    if !ids_first {
        for id in prev {
            probe.observe_previous_id(id);
        }
    }
    probe.observe_previous_id("not an identifier");
    probe.finish()
}

#[test]
fn recommends_each_variant_it_can_see() {
    let recs = records(false);
    for with_day in [false, true] {
        for uppercase in [false, true] {
            let prev = previous(&recs, 8, with_day, uppercase);
            let report = probe(&recs, &prev, true, with_day);
            assert_eq!(report.identities, 10);
            assert_eq!(report.previous_ids, 8);
            assert_eq!(report.variants.len(), 4);
            let best = &report.variants[0];
            assert_eq!((best.with_day, best.uppercase), (with_day, uppercase));
            assert_eq!((best.matched, best.rate), (8, 0.8));
            assert!(report.variants[1..].iter().all(|v| v.matched == 0));
            assert_eq!(
                report.recommended,
                Some(Variant {
                    with_day,
                    uppercase
                })
            );
            assert!(report.warning.is_none());
            // Advice only when the chosen options differ.
            assert!(report.advice(with_day, uppercase).is_none());
            assert!(report.advice(!with_day, uppercase).is_some());
        }
    }
}

#[test]
fn thresholds() {
    let recs = records(false);
    // 3 of 10 = 0.3: recommended (at least 0.3).
    let prev = previous(&recs, 3, false, false);
    assert!(probe(&recs, &prev, true, false).recommended.is_some());
    // 2 of 10: below 0.3, warning.
    let prev = previous(&recs, 2, false, false);
    let r = probe(&recs, &prev, true, false);
    assert!(r.recommended.is_none());
    assert!(r.warning.unwrap().contains("Aucune variante"));
    // 6 lower + 5 upper: best 0.6 but only 0.1 apart → recommended (at least 0.1 above).
    let mut prev = previous(&recs, 6, false, false);
    prev.extend(previous(&recs, 5, false, true));
    let r = probe(&recs, &prev, true, false);
    assert_eq!(
        r.recommended,
        Some(Variant {
            with_day: false,
            uppercase: false
        })
    );
    // 6 lower + 6 upper: a tie → no recommendation, the warning says several fit.
    let mut prev = previous(&recs, 6, false, false);
    prev.extend(previous(&recs, 6, false, true));
    let r = probe(&recs, &prev, true, false);
    assert!(r.recommended.is_none());
    assert!(r.warning.unwrap().contains("Plusieurs variantes"));
}

#[test]
fn without_jnais_only_two_variants() {
    // No JNAIS column, or a JNAIS column never filled: "with day" is not tried.
    let recs = records(true);
    let prev = previous(&recs, 10, false, true);
    for has_jnais in [false, true] {
        let r = probe(&recs, &prev, has_jnais, false);
        assert_eq!(r.variants.len(), 2, "{has_jnais}");
        assert!(r.variants.iter().all(|v| !v.with_day));
        assert_eq!(
            r.recommended,
            Some(Variant {
                with_day: false,
                uppercase: true
            })
        );
    }
}

#[test]
fn day_variants_need_the_jnais_column() {
    // Days are filled, but the caller says the input has no JNAIS column: not tried.
    let recs = records(false);
    let prev = previous(&recs, 10, true, false);
    let r = probe(&recs, &prev, false, false);
    assert_eq!(r.variants.len(), 2);
    assert!(r.recommended.is_none());
}

#[test]
fn empty_inputs_warn() {
    let recs = records(false);
    let r = probe(&recs, &[], true, false);
    assert!(r.recommended.is_none());
    assert!(r.warning.unwrap().contains("aucun NUMANONYM"));
    let prev = previous(&recs, 5, false, false);
    let r = probe(&[], &prev, true, true);
    assert_eq!(r.identities, 0);
    assert!(r.recommended.is_none());
    assert!(r.warning.is_some());
}

#[test]
fn report_serialises_without_identity() {
    let recs = records(false);
    let prev = previous(&recs, 8, false, false);
    let json = serde_json::to_string(&probe(&recs, &prev, true, false)).unwrap();
    assert!(json.contains("\"recommended\":{\"with_day\":false,\"uppercase\":false}"));
    for p in FIRST {
        assert!(!json.contains(p) && !json.contains(&p.to_uppercase()));
    }
    assert!(!json.contains("CLE_DE_TEST"));
}
