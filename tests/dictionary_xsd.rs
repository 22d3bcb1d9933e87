//! The dictionary table against the official schema `decret2016.xsd`: element names and
//! order, enumeration codes and labels, value facets. Any difference fails, except the
//! exceptions listed in [`EXCEPTIONS`], each named with its spec reference and itself
//! checked (an exception that no longer holds fails too).
//!
//! The schema is read from `docs/spec/decret2016.xsd`, the committed copy of the ONPE's schema.

use olinpe::dictionary::{ids, xsd, Kind, VARIABLES};

/// The committed copy of the ONPE's schema.
const XSD_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec/decret2016.xsd");

/// Differences between the schema and the dictionary, by design.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "MNAIS",
        "le schéma accepte tout nombre d'un ou deux chiffres ; le dictionnaire le type Mois (01–12, 99)",
        "docs/spec/OLINPE.md §4.3 n° 7",
    ),
    (
        "ANAIS/ANSA1/ANSA2/ANSMERE/ANSPERE, dates, années-mois",
        "le schéma accepte 0000, 0000-00-00 et 0000-00 ; le contrôle les compte comme non renseignés (avertissement)",
        "docs/spec/OLINPE.md §2.5, §0.2 « 0000-00-00 »",
    ),
    (
        "NUMDEP",
        "977, 978, 986 et 987 (annexe 1 du guide) absents du schéma, acceptés avec un avertissement",
        "docs/spec/OLINPE.md §4.4, §0.2",
    ),
    (
        "dates complètes",
        "le schéma refuse 9999-99-99, AAAA-MM-99 et AAAA-99-99 que le guide prescrit ; le « ne sait pas » du dictionnaire est 9999-99-99",
        "docs/spec/OLINPE.md §2.5, §0.2",
    ),
    (
        "DECISION, TYPEV",
        "pas de code « ne sait pas » (variables indispensables à l'extraction)",
        "docs/spec/OLINPE.md §2.5, §0.2",
    ),
    (
        "LIEUPLAC 20, NATPDECADM 19",
        "dans le schéma et le dictionnaire, mais signalés par un avertissement",
        "docs/spec/OLINPE.md §4.4, §0.2",
    ),
];

/// One `DONNEE` child as the scanner reads it.
#[derive(Debug)]
struct Element {
    name: String,
    min_occurs: String,
    label: String,
    enumeration: Vec<(String, String)>,
    pattern: Option<String>,
    max_length: Option<usize>,
}

fn read_xsd() -> String {
    std::fs::read_to_string(XSD_PATH).unwrap_or_else(|e| {
        panic!("decret2016.xsd introuvable dans {XSD_PATH} (copie versionnée du schéma ONPE) : {e}")
    })
}

/// The value of attribute `name` in the tag text `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// The comment that directly follows position `pos` (whitespace allowed), if any.
fn comment_after(text: &str, pos: usize) -> Option<String> {
    let rest = text[pos..].trim_start();
    let body = rest.strip_prefix("<!--")?;
    let end = body.find("-->")?;
    Some(body[..end].trim().to_string())
}

/// Scans the `DONNEE` children in document order.
fn scan(text: &str) -> Vec<Element> {
    let start = text
        .find("name=\"DONNEE\"")
        .expect("no DONNEE element in the XSD");
    let mut pos = start;
    let mut out = Vec::new();
    while let Some(off) = text[pos..].find("<xs:element ") {
        let open = pos + off;
        let tag_end = open + text[open..].find('>').expect("unterminated tag");
        let tag = &text[open..tag_end];
        let close = open
            + text[open..]
                .find("</xs:element>")
                .expect("unclosed element");
        let inner = &text[tag_end + 1..close];
        let mut e = Element {
            name: attr(tag, "name").expect("element without name"),
            min_occurs: attr(tag, "minOccurs").unwrap_or_default(),
            label: comment_after(text, tag_end + 1).unwrap_or_default(),
            enumeration: Vec::new(),
            pattern: None,
            max_length: None,
        };
        let mut p = 0;
        while let Some(o) = inner[p..].find('<') {
            let s = p + o;
            let end = s + inner[s..].find('>').expect("unterminated tag");
            let t = &inner[s..=end];
            if t.starts_with("<xs:enumeration") {
                let v = attr(t, "value").expect("enumeration without value");
                let l = comment_after(inner, end + 1).unwrap_or_default();
                e.enumeration.push((v, l));
            } else if t.starts_with("<xs:pattern") {
                assert!(e.pattern.is_none(), "{}: two patterns", e.name);
                e.pattern = attr(t, "value");
            } else if t.starts_with("<xs:maxLength") {
                e.max_length = attr(t, "value").and_then(|v| v.parse().ok());
            }
            p = end + 1;
        }
        out.push(e);
        pos = close + "</xs:element>".len();
    }
    out
}

#[test]
fn table_matches_the_schema() {
    let elements = scan(&read_xsd());
    let names: Vec<&str> = elements.iter().map(|e| e.name.as_str()).collect();
    let table: Vec<&str> = VARIABLES[..ids::N_DECREE].iter().map(|v| v.code).collect();
    assert_eq!(names, table, "element names or order differ from the table");
    assert_eq!(VARIABLES.len(), ids::N_ALL);
    assert_eq!(VARIABLES[ids::UTDP].code, "UTDP");
    assert!(
        !names.contains(&"UTDP"),
        "UTDP is ODPE-only, not in the schema"
    );

    let mut problems = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        let v = &VARIABLES[i];
        let expected_min = if v.code == "NUMANONYM" { "1" } else { "0" };
        if e.min_occurs != expected_min {
            problems.push(format!("{}: minOccurs {}", e.name, e.min_occurs));
        }
        if e.label != v.label {
            problems.push(format!("{}: label {:?} vs {:?}", e.name, e.label, v.label));
        }
        // Facet: what xsd.rs implements must be what the schema says.
        let facet = xsd::facet(i);
        let schema_facet = if !e.enumeration.is_empty() {
            Some(xsd::Facet::Enumeration)
        } else if let Some(n) = e.max_length {
            Some(xsd::Facet::MaxLength(n))
        } else {
            e.pattern.as_deref().and_then(|p| match facet {
                Some(xsd::Facet::Pattern(q)) if q == p => Some(xsd::Facet::Pattern(q)),
                _ => None,
            })
        };
        if facet.is_none() || facet != schema_facet {
            problems.push(format!(
                "{}: schema facet {:?}/{:?} vs implemented {:?}",
                e.name, e.pattern, e.max_length, facet
            ));
        }
        if !e.enumeration.is_empty() {
            // Every enumeration starts with the empty value, then the modalities in order.
            if e.enumeration.first().map(|(v, _)| v.as_str()) != Some("") {
                problems.push(format!("{}: enumeration without the empty value", e.name));
            }
            let schema: Vec<(&str, &str)> = e
                .enumeration
                .iter()
                .skip(1)
                .map(|(c, l)| (c.as_str(), l.as_str()))
                .collect();
            if schema != v.modalities {
                problems.push(format!("{}: modalities differ from the schema", e.name));
            }
        } else if !v.modalities.is_empty() {
            problems.push(format!("{}: modalities without enumeration", e.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn kinds_and_schema_patterns_agree() {
    for (i, v) in VARIABLES.iter().enumerate() {
        let expected = match v.kind {
            Kind::Code | Kind::Departement => xsd::Facet::Enumeration,
            Kind::Date => xsd::Facet::Pattern(xsd::PATTERN_DATE),
            Kind::YearMonth => xsd::Facet::Pattern(xsd::PATTERN_YEAR_MONTH),
            Kind::Year => xsd::Facet::Pattern(xsd::PATTERN_YEAR),
            Kind::Month | Kind::Count => xsd::Facet::Pattern(xsd::PATTERN_COUNT),
            Kind::Hex40 => xsd::Facet::Pattern(xsd::PATTERN_HEX40),
            Kind::Text40 => xsd::Facet::MaxLength(40),
            Kind::Utdp => xsd::Facet::Utdp,
        };
        assert_eq!(xsd::facet(i), Some(expected), "{}", v.code);
    }
    // Exception MNAIS: the only Month, sharing the count pattern.
    let months: Vec<&str> = VARIABLES
        .iter()
        .filter(|v| v.kind == Kind::Month)
        .map(|v| v.code)
        .collect();
    assert_eq!(months, ["MNAIS"]);
    assert!(xsd::accepts(ids::MNAIS, "13") && xsd::accepts(ids::MNAIS, "0"));
}

#[test]
fn exceptions_still_hold() {
    let elements = scan(&read_xsd());
    let by_name = |n: &str| {
        elements
            .iter()
            .find(|e| e.name == n)
            .unwrap_or_else(|| panic!("{n} missing"))
    };
    assert_eq!(EXCEPTIONS.len(), 6);
    for (what, why, reference) in EXCEPTIONS {
        assert!(
            !what.is_empty() && !why.is_empty() && reference.starts_with("docs/spec/OLINPE.md §")
        );
    }
    // MNAIS: count pattern in the schema.
    assert_eq!(
        by_name("MNAIS").pattern.as_deref(),
        Some(xsd::PATTERN_COUNT)
    );
    // 0000 forms accepted by the schema.
    assert!(xsd::accepts(ids::ANAIS, "0000"));
    assert!(xsd::accepts(ids::DATDEB, "0000-00-00"));
    assert!(xsd::accepts(ids::DATDCMERE, "0000-00"));
    // NUMDEP overseas collectivities absent from the schema and from the table.
    for code in ["977", "978", "986", "987"] {
        assert!(
            !by_name("NUMDEP").enumeration.iter().any(|(c, _)| c == code),
            "NUMDEP {code} is now in the XSD: remove the exception"
        );
        assert!(!VARIABLES[ids::NUMDEP].has_modality(code));
    }
    // Guide unknown dates refused by the schema, used as NSP by the dictionary.
    for v in VARIABLES.iter().filter(|v| v.kind == Kind::Date) {
        let p = by_name(v.code).pattern.clone().unwrap_or_default();
        assert!(
            !p.contains("9999-99-99"),
            "{}: XSD now accepts 9999-99-99",
            v.code
        );
        assert_eq!(v.nsp, Some("9999-99-99"), "{}", v.code);
    }
    // No NSP code for DECISION and TYPEV, in the schema as in the table.
    for code in ["DECISION", "TYPEV"] {
        let e = by_name(code);
        assert!(!e.enumeration.iter().any(|(_, l)| l.contains("Ne sait pas")));
        assert_eq!(
            VARIABLES[olinpe::dictionary::index_of(code).unwrap()].nsp,
            None
        );
    }
    // Doubtful codes present in both.
    assert!(by_name("LIEUPLAC")
        .enumeration
        .iter()
        .any(|(c, _)| c == "20"));
    assert!(VARIABLES[ids::LIEUPLAC].has_modality("20"));
    assert!(by_name("NATPDECADM")
        .enumeration
        .iter()
        .any(|(c, _)| c == "19"));
    assert!(VARIABLES[ids::NATPDECADM].has_modality("19"));
}

#[test]
fn ids_match_the_table() {
    let src = include_str!("../src/dictionary/ids.rs");
    let mut seen = 0;
    for line in src.lines() {
        let Some(rest) = line.strip_prefix("pub const ") else {
            continue;
        };
        // Only the index constants (`CODES`, a table, is checked by its own test).
        let Some((name, value)) = rest.split_once(": usize = ") else {
            continue;
        };
        let value: usize = value.trim_end_matches(';').parse().expect("ids.rs value");
        match name {
            "N_DECREE" => assert_eq!(value, 105),
            "N_ALL" => assert_eq!(value, VARIABLES.len()),
            _ => {
                assert_eq!(VARIABLES[value].code, name, "ids::{name}");
                assert_eq!(olinpe::dictionary::index_of(name), Some(value));
                seen += 1;
            }
        }
    }
    assert_eq!(seen, VARIABLES.len(), "one constant per variable");
    for (i, v) in VARIABLES.iter().enumerate() {
        assert_eq!(ids::CODES[i], v.code, "ids::CODES[{i}]");
    }
}

#[test]
fn numbers_are_a_permutation() {
    let mut numbers: Vec<u8> = VARIABLES[..ids::N_DECREE]
        .iter()
        .map(|v| v.number)
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=105).collect::<Vec<u8>>());
    assert_eq!(VARIABLES[ids::UTDP].number, 0);
}

#[test]
fn nsp_codes_are_modalities() {
    for v in VARIABLES {
        match v.kind {
            Kind::Code => {
                if let Some(nsp) = v.nsp {
                    assert!(v.has_modality(nsp), "{}: nsp {nsp}", v.code);
                    assert!(nsp.bytes().all(|b| b == b'9'), "{}: nsp {nsp}", v.code);
                } else {
                    assert!(
                        ["DECISION", "TYPEV"].contains(&v.code),
                        "{}: no nsp",
                        v.code
                    );
                }
            }
            Kind::Departement | Kind::Hex40 | Kind::Text40 | Kind::Utdp => {
                assert_eq!(v.nsp, None, "{}", v.code)
            }
            Kind::Date | Kind::YearMonth | Kind::Year | Kind::Month | Kind::Count => {
                assert!(v.nsp.is_some(), "{}", v.code)
            }
        }
    }
}
