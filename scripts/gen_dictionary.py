#!/usr/bin/env python3
"""Generate src/dictionary/table.rs from the specification.

Sources (read-only, committed in docs/spec/ or given with --spec):
  * decret2016.xsd  — authority for the element order and every enumeration code, and for
                      the variable and modality labels (its comments);
  * docs/spec/OLINPE.md §4.3  — number, block, type, "quand renseigner" text of each variable;
  * decret2016.ods  — cross-check of numbers and modality codes (no data taken from it).

The rule-bearing columns (age scope, event types, conditions, notes) are written below as
data, each with the spec paragraph it comes from. Run from the repository root:

    python3 scripts/gen_dictionary.py [--spec docs/spec]

The script fails loudly on any disagreement it can detect between the three sources that is
not one of the known, documented ones, then runs rustfmt on the output.
"""

import argparse
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "dictionary", "table.rs")
IDS = os.path.join(ROOT, "src", "dictionary", "ids.rs")


def fail(msg):
    sys.exit("gen_dictionary: " + msg)


# ---------------------------------------------------------------------------------------
# XSD
# ---------------------------------------------------------------------------------------

def parse_xsd(path):
    """Returns [(code, label, kind_hint, [(value, label)])] for the DONNEE children."""
    text = open(path, encoding="utf-8").read()
    start = text.find('name="DONNEE"')
    if start < 0:
        fail("no DONNEE in the XSD")
    body = text[start:]
    elem_re = re.compile(
        r'<xs:element minOccurs="(\d)" maxOccurs="1" name="([A-Z0-9]+)">\s*'
        r"(?:<!--(.*?)-->)?(.*?)</xs:element>",
        re.S,
    )
    out = []
    for m in elem_re.finditer(body):
        code, label, inner = m.group(2), (m.group(3) or "").strip(), m.group(4)
        enums = re.findall(r'<xs:enumeration value="([^"]*)"\s*/>(?:<!--(.*?)-->)?', inner)
        pattern = re.search(r'<xs:pattern value="([^"]*)"', inner)
        maxlen = re.search(r'<xs:maxLength value="(\d+)"', inner)
        if enums:
            kind = "enum"
        elif maxlen:
            kind = "maxlen" + maxlen.group(1)
        elif pattern:
            kind = "pattern:" + pattern.group(1)
        else:
            fail("element without restriction: " + code)
        mods = [(v, (l or "").strip()) for v, l in enums if v != ""]
        out.append((code, label, kind, mods))
    if len(out) != 105:
        fail("expected 105 DONNEE children, got %d" % len(out))
    return out


# ---------------------------------------------------------------------------------------
# docs/spec/OLINPE.md §4.3
# ---------------------------------------------------------------------------------------

def clean_md(s):
    s = s.replace("<br>", " ; ").replace("**", "").replace("`", "")
    # References to this spec's own sections mean nothing to a user of the dictionary.
    s = re.sub(r"\s*\((?:voir|cf\.) §[^)]*\)", "", s)
    return re.sub(r"\s+", " ", s).strip()


def parse_md(path):
    """Returns {code: dict(number, block_id, block_title, label, type, when)}."""
    text = open(path, encoding="utf-8").read()
    start = text.index("### 4.3 Full dictionary")
    end = text.index("### 4.4 ")
    section = text[start:end]
    block = None
    out = {}
    for line in section.splitlines():
        h = re.match(r"#### (\S+(?: bis)?)\. (.*?)\s+\(variables", line)
        if h:
            block = (h.group(1), h.group(2).strip())
            continue
        r = re.match(r"\| (\d+) \| `([A-Z0-9]+)` \|", line)
        if r:
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) != 7:
                fail("md row with %d cells: %s" % (len(cells), cells[1]))
            out[r.group(2)] = dict(
                number=int(cells[0]),
                block=block,
                label=clean_md(cells[2]),
                type=clean_md(cells[3]),
                when=clean_md(cells[5]),
            )
    if len(out) != 105:
        fail("expected 105 md rows, got %d" % len(out))
    return out


# ---------------------------------------------------------------------------------------
# ODS (cross-check only)
# ---------------------------------------------------------------------------------------

def parse_ods(path):
    """Returns {code: (number, [modality codes])}."""
    t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    x = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    out = {}
    current = None
    for row in root.iter("{%s}table-row" % t):
        cells = []
        for c in row.iter("{%s}table-cell" % t):
            rep = int(c.get("{%s}number-columns-repeated" % t, "1"))
            txt = " ".join("".join(p.itertext()) for p in c.iter("{%s}p" % x)).strip()
            cells += [txt] * min(rep, 6)
        cells += [""] * 5
        num, _, code, mod = cells[0], cells[1], cells[2], cells[3]
        if num.isdigit() and code:
            current = code
            out[code] = (int(num), [])
        elif current and mod and not num and not code:
            out[current][1].append(mod)
    return out


# ---------------------------------------------------------------------------------------
# Rules as data (spec references in comments)
# ---------------------------------------------------------------------------------------

def numbers(*ranges):
    s = set()
    for r in ranges:
        if isinstance(r, tuple):
            s.update(range(r[0], r[1] + 1))
        else:
            s.add(r)
    return s


# §5.3 age scope.
UNDER_18 = numbers((28, 30), (33, 45), (50, 57), (62, 65), (67, 78), (81, 82), 99, 105)
FROM_18 = numbers(31, 46, 47)
FROM_3 = numbers((9, 15))  # SCODTCOM, ETABSCOSPE, FREQSCO and the whole 9–15 block
AGE_OVERRIDES = {"MODACC": (None, 6), "DIPLOME": (14, None)}

# §5.1 event types: a variable belongs to an event type when the table's "fill" or "identical"
# column lists it (1–7 on every line). INSTITPLAC (90) is not named there but §5.2 pairs it
# with NATDECPLAC (89) and LIEUPLAC (96), which §5.1 keeps on every event type.
TYPEV1 = numbers((1, 98))
TYPEV2 = numbers((1, 18), (28, 57), (67, 79), (83, 99))
TYPEV3 = numbers((1, 18), (28, 57), 79, (83, 98), (100, 105))
TYPEV2 -= numbers(80, 81, 82)
TYPEV3 -= numbers(80, 81, 82)

MANDATORY = {"NUMDEP", "NUMANONYM", "NUMANONYMANT", "TYPEV", "SEXE", "ANAIS", "MNAIS",
             "DECISION", "DATDECPE", "DATDEB"}

ACCUEIL_ADM = ["11", "12", "13", "14", "15", "16", "18", "19", "21"]
PLACEMENT_OR_ACCUEIL = (
    'Condition::Any(&[Condition::Is(ids::NATPDECADM, &["11", "12", "13", "14", "15", "16", '
    '"19", "21"]), Condition::Is(ids::NATDECASSED, &["17", "18", "22", "23"])])'
)


def is_(var, values):
    return "Condition::Is(ids::%s, &[%s])" % (var, ", ".join('"%s"' % v for v in values))


CONDITIONS = {
    # §5.2 cascades (§0.2 corrections)
    "NATPDECADM": is_("DECISION", ["1"]),
    "AUTREDA": is_("NATPDECADM", ["18"]),
    "TYPINTERDOM": is_("NATPDECADM", ["10", "18", "20"]),
    "LIEUACC": is_("NATPDECADM", ACCUEIL_ADM),
    "ACCMOD": is_("NATPDECADM", ACCUEIL_ADM),
    "AUTRLIEUACC": is_("NATPDECADM", ACCUEIL_ADM),
    "NATDECASSED": is_("DECISION", ["2"]),
    "AUTREDJ": is_("NATDECASSED", ["21"]),
    "TYPDECJUD": is_("NATDECASSED", ["11", "14", "15", "16", "19", "21", "24"]),
    "NATDECPLAC": is_("NATDECASSED", ["17", "18", "21"]),
    "INSTITPLAC": is_("NATDECASSED", ["17", "18", "21"]),
    "LIEUPLAC": is_("NATDECASSED", ["17", "18", "21", "22", "23"]),
    "PLACMOD": is_("NATDECASSED", ["17", "18", "21", "22", "23"]),
    "AUTRLIEUAR": is_("NATDECASSED", ["17", "18", "21", "22", "23"]),
    # §0.2: "placement or accueil" for CHGLIEU and NBCHGLIEU
    "CHGLIEU": PLACEMENT_OR_ACCUEIL,
    "NBCHGLIEU": PLACEMENT_OR_ACCUEIL,
    # §5.4 / §6.2
    "MOTIFML": is_("MOTFININT", ["1", "2"]),
    "DATDECMIN": is_("MOTIFML", ["18"]),
    "DATPPE": is_("PROJET", ["2"]),
    "ORIENTEFF": is_("ORIENTDEC", ["2"]),
    "SCOCLASPE": is_("SCODTCOM", ["2"]),
    "TYPCLASSPE": is_("SCOCLASPE", ["2"]),
    "TYPETABSPE": is_("ETABSCOSPE", ["2"]),
    # Erratum of 4 Dec 2018: no restriction to SCODTCOM=2; the label covers both settings.
    "NIVSCO": "Condition::Any(&[%s, %s])" % (is_("SCODTCOM", ["2"]), is_("ETABSCOSPE", ["2"])),
    # §0.2: not schooled, including under 3 when SCODTCOM is empty ("" = empty value), and
    # not in a specialised unit (ETABSCOSPE ≠ 2, guide p. 17; §0.2 rules added 2026-12-06).
    "MODACC": "Condition::All(&[%s, %s])" % (is_("SCODTCOM", ["1", ""]),
                                             is_("ETABSCOSPE", ["1", ""])),
    # §6.2 conditions on TRAITINFO, matching the guide's wording (§4.3).
    "DATSIGN": is_("TRAITINFO", ["3"]),
    "DATJE": is_("TRAITINFO", ["4"]),
    "ORIGIP": is_("TRAITINFO", ["1", "2"]),
    "TRANSIP": is_("TRAITINFO", ["1", "2"]),
    # Guide: date of the decision on parental authority, when there is one (DECAP 1–5);
    # ONPE asks for DATDECAP when DECAP is filled.
    "DATDECAP": is_("DECAP", ["1", "2", "3", "4", "5"]),
    # Guide: date of death only when the parent died.
    "DATDCMERE": is_("DCMERE", ["2"]),
    "DATDCPERE": is_("DCPERE", ["2"]),
}
# §0.2 rules added 2026-12-06 (guide p. 30): the second adult's sex, birth year, employment
# and CSP only with LIENA2 filled, in a household that can have a second adult (not
# COMPOMENAG 1, 3 or 4).
for _v in ["SEXA2", "ANSA2", "EMPLA2", "CSPA2"]:
    CONDITIONS[_v] = "Condition::All(&[%s, %s])" % (
        is_("LIENA2", ["1", "2", "3", "4", "5", "6", "7", "9"]),
        is_("COMPOMENAG", ["2", "5", "6", "7", "8", "9", "10", "99", ""]))

# Variables that apply only when a fact absent from the file holds (an evaluation took
# place, a second adult lives in the home, a judicial report was made, no measure follows
# the end): an empty value is normal there and is not "applicable but empty".
SITUATIONAL = {
    "NOTIFEVAL", "FINEVAL", "MESANT", "ACCFAM",  # "si une évaluation a été réalisée"
    "LIENA2", "SEXA2", "ANSA2", "EMPLA2", "CSPA2",  # "vide s'il n'y a pas d'adulte 2"
    "MOTIFSIG", "ENQPENAL", "SAISJUR",  # only for a judicial report made by the CD
    "MOTIFML", "NBCHGLIEU",  # hypothesis 1 only (no measure follows the end)
}

# Short notes (ONPE's guide notes and the product decisions), appended to the guide text.
NOTES = {
    "NUMDEP": "977, 978, 986 et 987 (annexe 1 du guide) sont acceptés avec un avertissement : "
              "le schéma ONPE ne les liste pas. Un code sur un caractère perd son zéro initial.",
    "MNAIS": "Le schéma accepte tout nombre d'un ou deux chiffres ; le contrôle exige 01 à 12 ou 99.",
    "NIVSCO": "Condition retenue : SCODTCOM=2 ou ETABSCOSPE=2 ; l'audit ONPE exige SCODTCOM=2.",
    "MODACC": "Attendue sous 6 ans si non scolarisé (SCODTCOM=1), y compris sous 3 ans quand "
              "SCODTCOM est vide, et hors unité d'enseignement (ETABSCOSPE≠2, guide p. 17) ; "
              "l'audit ONPE la signale dès que SCODTCOM≠1.",
    "TYPETABSPE": "Dépend d'ETABSCOSPE=2 (guide) ; l'audit ONPE teste SCOCLASPE=2.",
    "TYPCLASSPE": "L'audit ONPE signale aussi 99 quand SCOCLASPE≠2.",
    "DATDECPE": "Date impérative : ni vide, ni 0000-00-00, ni 9999-99-99.",
    "DATDEB": "Date impérative : ni vide, ni 0000-00-00, ni 9999-99-99.",
    "DATFIN": "Date impérative sur TYPEV=3 ; jamais sur TYPEV 1 ou 2.",
    "MOTFININT": "Obligatoire sur TYPEV=3.",
    "DECISION": "Pas de modalité « ne sait pas » : variable indispensable à l'extraction.",
    "TYPEV": "Pas de modalité « ne sait pas » : variable indispensable à l'extraction.",
    "NATPDECADM": "19 est accepté avec un avertissement.",
    "LIEUPLAC": "20 (mesure décidée mais non mise en oeuvre) est dans le schéma mais pas dans "
                "le guide : accepté avec un avertissement. Optionnel pour NATDECASSED=16 avec "
                "TYPDECJUD 7 ou 8.",
    "LIEUACC": "9 est « Lieu de vie et d'accueil » ; « ne sait pas » est 99. Optionnel pour "
               "NATPDECADM=10 avec TYPINTERDOM 4 ou 5.",
    "TYPINTERDOM": "« Ne sait pas » est 9 ; 10 est l'aide éducative « jeune majeur ».",
    "DIPLOME": "« Plus de 14 ans » = 14 ans révolus ou plus.",
    "INSTITPLAC": "Rattachée à tous les types d'évènement comme NATDECPLAC (§5.2), bien que "
                  "le tableau des évènements du guide ne la cite pas. Permise (non exigée) pour "
                  "NATDECASSED 22 et 23 (guide p. 8).",
    "NATDECPLAC": "Permise (non exigée) pour NATDECASSED 22 et 23 (guide p. 8).",
    "ORIGIP": "Attendue si TRAITINFO 1 ou 2 ; permise quel que soit le mode ultérieur de "
              "traitement (guide).",
    "TRANSIP": "Attendue si TRAITINFO 1 ou 2 ; permise sinon (611, 612, 630 et 640 désignent "
               "le parquet et le juge des enfants).",
    "DATSIGN": "Attendue si TRAITINFO = 3 ; permise sinon.",
    "NBFRAT": "0 est signalé (guide p. 27).",
    "MENAGEJM": "Signalée quand NATPDECADM = 21 et qu'elle ne vaut ni 8 ni 9 (guide p. 27).",
    "INTERANT": "Le guide ne la cite que pour TYPEV=1.",
    "PROJET": "Le guide ne la cite que pour TYPEV=1.",
    "DATPPE": "Le guide ne la cite que pour TYPEV=1.",
    "MOTIFSIG": "Le guide la vise pour tout signalement judiciaire fait par le CD (appréciation "
                "par la CRIP) ; l'audit ONPE la signale quand TRAITINFO≠3.",
    "ENQPENAL": "Signalement judiciaire du PCD accompagné d'un signalement art. 40 CPP.",
    "CHGLIEU": "Renouvellement d'un placement ou d'un accueil d'un mineur.",
    "NBCHGLIEU": "Fin d'un placement ou d'un accueil d'un mineur, sans mesure qui suit.",
}
# Guide definitions the labels do not carry (Guide du dispositif Olinpe, 20-09-2018,
# dictionary), paraphrased for the page's dictionary (docs/training.md).
NOTES.update({
    "CONFL": "Guide : un adulte du ménage vit un conflit important avec l'autre adulte ou "
             "avec son ex-conjoint non cohabitant, qui pèse directement sur l'équilibre du "
             "mineur ; y compris les séparations très hostiles où l'enfant sert de moyen de "
             "pression.",
    "VIOLFAM": "Guide : le mineur est témoin, direct ou indirect (il en voit les suites "
               "immédiates), de violences verbales, physiques ou psychologiques envers un "
               "autre membre du ménage ; les violences conjugales relèvent de VIOLCONJ.",
    "SOUTSOC": "Guide : les adultes de référence ne peuvent s'appuyer sur aucun réseau "
               "(famille, travail, amis, associations, voisinage) et ont donc peu d'appui "
               "pour leurs tâches éducatives.",
    "TITAP": "Guide : « exclusivement par le père » (ou la mère) couvre le jugement du JAF qui "
             "lui confie seul l'exercice (art. 373-2-1 du code civil), la reconnaissance par "
             "lui seul, le décès de l'autre parent ; « autre membre de la famille » suppose "
             "une délégation par le JAF. Pupille de l'État (NATPDECADM 15) → 80 (préfet, "
             "guide p. 28).",
})

for _v in ["SANTE", "SECURITE", "MORALITE", "CONDEDUC", "CONDEDEV", "VIOLSEX", "VIOLPHYS",
           "NEGLIG", "VIOLPSY", "VIOLCONJ", "DANGER", "MINA"]:
    NOTES.setdefault(_v, "Le guide ne la cite pas pour TYPEV=3.")

# "Quand renseigner" texts whose guide wording spans two versions.
WHEN = {
    "NIVSCO": (
        "Si scolarisé en milieu ordinaire ou dans une unité d'enseignement hors milieu "
        "ordinaire (erratum du 4 décembre 2018).",
        "La version du 20-09-2018 limitait la variable aux scolarisés en milieu ordinaire "
        "(SCODTCOM=2) ; l'erratum supprime cette restriction. Plusieurs établissements → 750.",
    ),
}

NSP_LABEL = re.compile(r"^(ne sait pas|non connu à ce jour|motif non connu)$", re.I)
NO_NSP = {"DECISION", "TYPEV"}


def kind_of(code, hint):
    if code == "NUMDEP":
        return "Departement"
    if hint == "enum":
        return "Code"
    if hint == "maxlen40":
        return "Text40"
    p = hint[len("pattern:"):]
    if p == "[0-9a-fA-F]{40}":
        return "Hex40"
    if p == "()|[0-9]{1,2}":
        return "Month" if code == "MNAIS" else "Count"
    if p.startswith("(9999)|()|(0000)"):
        return "Year"
    if p.startswith("()|(0000-00)|"):
        return "YearMonth"
    if p.startswith("()|(0000-00-00)|"):
        return "Date"
    fail("unknown pattern for %s: %s" % (code, p))


NSP_BY_KIND = {"Date": "9999-99-99", "YearMonth": "9999-99", "Year": "9999", "Month": "99",
               "Count": "99"}


def split_when(text):
    """First sentence = when to fill; the rest = the guide's notes."""
    m = re.match(r"^(.*?\.)\s+(\S.*)$", text)
    if m and not re.search(r"\b(art|cf|C|civ)\.$", m.group(1)):
        return m.group(1), m.group(2)
    return text, ""


UNIT_TESTS = r"""
#[cfg(test)]
mod tests {
    use super::super::{ids, Kind};
    use super::VARIABLES;

    #[test]
    fn labels_and_texts_are_filled() {
        for v in VARIABLES {
            assert!(v.label.chars().count() > 5, "{}: label", v.code);
            assert!(!v.when.is_empty(), "{}: when", v.code);
            assert!(!v.block.id.is_empty() && !v.block.title.is_empty(), "{}", v.code);
            for (code, label) in v.modalities {
                assert!(!code.is_empty() && !label.trim().is_empty(), "{} {code}", v.code);
            }
        }
    }

    #[test]
    fn modalities_exactly_for_coded_variables() {
        for v in VARIABLES {
            let coded = matches!(v.kind, Kind::Code | Kind::Departement);
            assert_eq!(!v.modalities.is_empty(), coded, "{}", v.code);
        }
        assert_eq!(VARIABLES[ids::NUMDEP].modalities.len(), 103); // 01–95 without 20 and 69, 2A, 2B, 69D, 69M, 971–976
        assert_eq!(VARIABLES[ids::SEXE].modality_label("9"), Some("Non connu à ce jour"));
        assert_eq!(VARIABLES[ids::LIEUACC].nsp, Some("99"));
        assert_eq!(VARIABLES[ids::TYPINTERDOM].nsp, Some("9"));
        assert_eq!(VARIABLES[ids::MOTFININT].nsp, Some("9"));
        assert_eq!(VARIABLES[ids::DECISION].nsp, None);
        assert_eq!(VARIABLES[ids::TYPEV].nsp, None);
        assert_eq!(VARIABLES[ids::DATDECMIN].nsp, Some("9999-99"));
    }

    #[test]
    fn scopes_follow_the_spec() {
        let n = |i: usize| VARIABLES[i].number;
        let mandatory: Vec<&str> = VARIABLES.iter().filter(|v| v.mandatory).map(|v| v.code).collect();
        assert_eq!(
            mandatory,
            ["ANAIS", "DATDEB", "DATDECPE", "DECISION", "MNAIS", "NUMANONYM", "NUMANONYMANT", "NUMDEP", "SEXE", "TYPEV"]
        );
        for v in VARIABLES {
            let only_1 = (19..=27).contains(&v.number) || (58..=66).contains(&v.number);
            if only_1 {
                assert_eq!(v.typev, [true, false, false], "{}", v.code);
            }
            if (100..=105).contains(&v.number) {
                assert_eq!(v.typev, [false, false, true], "{}", v.code);
            }
            if v.number <= 7 {
                assert_eq!(v.typev, [true; 3], "{}", v.code);
            }
        }
        assert_eq!(VARIABLES[ids::CHGLIEU].typev, [false, true, false]);
        assert_eq!(n(ids::CHGLIEU), 99);
        assert_eq!(VARIABLES[ids::MODACC].max_age, Some(6));
        assert_eq!(VARIABLES[ids::DIPLOME].min_age, Some(14));
        assert_eq!(VARIABLES[ids::EMPLJM].min_age, Some(18));
        assert_eq!(VARIABLES[ids::CSPJM].min_age, Some(18));
        assert_eq!(VARIABLES[ids::NBCHGLIEU].max_age, Some(18));
        assert_eq!(VARIABLES[ids::FREQSCO].min_age, Some(3));
        assert_eq!(VARIABLES[ids::HANDICAP].min_age, None);
        assert_eq!(VARIABLES[ids::HANDICAP].max_age, None);
    }
}
"""


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=os.path.join(ROOT, "docs", "spec"))
    args = ap.parse_args()
    xsd = parse_xsd(os.path.join(args.spec, "decret2016.xsd"))
    md = parse_md(os.path.join(args.spec, "OLINPE.md"))
    ods = parse_ods(os.path.join(args.spec, "decret2016.ods"))

    ids = re.findall(r"pub const ([A-Z0-9]+): usize = (\d+);", open(IDS).read())
    id_codes = [c for c, i in ids if c not in ("N_DECREE", "N_ALL", "UTDP")]
    if id_codes != [c for c, *_ in xsd]:
        fail("ids.rs order differs from the XSD")

    blocks = []
    for code, *_ in xsd:
        b = md[code]["block"]
        if b not in blocks:
            blocks.append(b)
    blocks.sort(key=lambda b: min(md[c]["number"] for c in md if md[c]["block"] == b))

    def block_const(b):
        return "B_" + b[0].upper().replace(" ", "_")

    out = []
    w = out.append
    w("//! The dictionary table (105 variables + UTDP), in the XSD's order.\n//!\n")
    w("//! GENERATED by `scripts/gen_dictionary.py` from `decret2016.xsd` (order, codes, labels)\n")
    w("//! and docs/spec/OLINPE.md §4.3 (numbers, blocks, \"quand renseigner\"), with the age, event-type\n")
    w("//! and condition columns of §5 as corrected by §0.2. Do not edit by hand: change the\n")
    w("//! script and re-run it. `tests/dictionary_xsd.rs` checks it against the XSD.\n\n")
    w("use super::{ids, Block, Condition, Kind, Variable};\n\n")
    for b in blocks:
        w("/// Block %s of the guide.\n" % b[0])
        w("const %s: Block = Block { id: %s, title: %s };\n" % (block_const(b), rust_str(b[0]), rust_str(b[1])))
    w("\n/// Every variable, indexed by [`super::ids`].\n")
    w("pub static VARIABLES: &[Variable] = &[\n")

    problems = []
    for code, xlabel, hint, mods in xsd:
        m = md[code]
        n = m["number"]
        kind = kind_of(code, hint)
        onum, omods = ods.get(code, (None, None))
        if onum != n:
            problems.append("%s: number md %s ods %s" % (code, n, onum))
        # The ODS stores NUMDEP as numbers (leading zeros lost) and lists 69M last: compare
        # it as a set of zero-padded codes.
        if kind == "Departement" and omods is not None:
            if {o.zfill(2) for o in omods} != {v for v, _ in mods}:
                problems.append("NUMDEP: ods codes differ from the XSD")
        elif kind == "Code" and omods is not None and omods != [v for v, _ in mods]:
            problems.append("%s: ods modalities %s differ from XSD %s" % (code, omods, [v for v, _ in mods]))
        nsp = None
        if kind == "Code" and code not in NO_NSP:
            cands = [v for v, l in mods if NSP_LABEL.match(l)]
            if len(cands) != 1 or set(cands[0]) != {"9"}:
                problems.append("%s: NSP candidates %s" % (code, cands))
            else:
                nsp = cands[0]
        elif kind in NSP_BY_KIND:
            nsp = NSP_BY_KIND[kind]
        label = xlabel or m["label"]
        min_age, max_age = None, None
        if n in UNDER_18:
            max_age = 18
        if n in FROM_18:
            min_age = 18
        if n in FROM_3:
            min_age = 3
        if code in AGE_OVERRIDES:
            min_age, max_age = AGE_OVERRIDES[code]
        when, guide_notes = WHEN.get(code) or split_when(m["when"])
        notes = " ".join(x for x in [guide_notes, NOTES.get(code, "")] if x)
        typev = [n in TYPEV1, n in TYPEV2, n in TYPEV3]
        cond = CONDITIONS.get(code)
        w("    Variable {\n")
        w("        number: %d,\n" % n)
        w("        code: %s,\n" % rust_str(code))
        w("        label: %s,\n" % rust_str(label))
        w("        block: %s,\n" % block_const(m["block"]))
        w("        kind: Kind::%s,\n" % kind)
        if mods and kind in ("Code", "Departement"):
            w("        modalities: &[%s],\n" % ", ".join("(%s, %s)" % (rust_str(v), rust_str(l)) for v, l in mods))
        else:
            w("        modalities: &[],\n")
        w("        nsp: %s,\n" % ("Some(%s)" % rust_str(nsp) if nsp else "None"))
        w("        when: %s,\n" % rust_str(when))
        w("        notes: %s,\n" % rust_str(notes))
        w("        min_age: %s,\n" % ("Some(%d)" % min_age if min_age is not None else "None"))
        w("        max_age: %s,\n" % ("Some(%d)" % max_age if max_age is not None else "None"))
        w("        typev: [%s],\n" % ", ".join("true" if t else "false" for t in typev))
        w("        condition: %s,\n" % ("Some(%s)" % cond if cond else "None"))
        w("        mandatory: %s,\n" % ("true" if code in MANDATORY else "false"))
        w("        situational: %s,\n" % ("true" if code in SITUATIONAL else "false"))
        w("    },\n")
    b1 = [b for b in blocks if b[0] == "1"][0]
    w("    Variable {\n")
    w("        number: 0,\n")
    w('        code: "UTDP",\n')
    w('        label: "Unité territoriale du département émetteur",\n')
    w("        block: %s,\n" % block_const(b1))
    w("        kind: Kind::Utdp,\n")
    w("        modalities: &[],\n")
    w("        nsp: None,\n")
    w('        when: "Uniquement dans le fichier destiné à l\'ODPE.",\n')
    w('        notes: "Trois caractères, définis localement ; absente du schéma ONPE et du décret.",\n')
    w("        min_age: None,\n        max_age: None,\n")
    w("        typev: [true, true, true],\n")
    w("        condition: None,\n        mandatory: false,\n        situational: false,\n")
    w("    },\n];\n")
    w(UNIT_TESTS)

    for c in CONDITIONS:
        if c not in md:
            problems.append("condition for unknown variable " + c)
    if problems:
        fail("source disagreements:\n  " + "\n  ".join(problems))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("".join(out))
    subprocess.run(["rustfmt", "--edition", "2021", OUT], check=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
