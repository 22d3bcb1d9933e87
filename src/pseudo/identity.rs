//! Identity resolution and level-1 pseudonymisation of one record (docs/spec/OLINPE.md §0.1, §3.3).
//!
//! Which value stands for each of the three inputs:
//! * first name: `PRENOM`, else the `NUMDO` substitute;
//! * mother's name: her birth name (`NOMMERE`/`NOMMEREJEUNE`/`NOM_MERE`), else her usage name
//!   `NOMUSAGE` (warning `mother-name-usage`), else the `NUMDO` substitute;
//! * birth string: `JNAIS` (only with the day option) + `MNAIS` + `ANAIS`, each day/month on
//!   two digits, else the `NUMDO` substitute.
//!
//! "Empty" means empty after normalisation (for the birth: `MNAIS` and `ANAIS` both empty).
//! A substitution gives `identity-substituted-numdo`; without a usable `NUMDO` the row gets
//! `identity-missing` and no identifier. Obvious placeholders are hashed as given with
//! `identity-placeholder`. Findings name the column, never the value.

use super::normalise::{normalise_name, normalise_numdo};
use super::scheme::{IdentityInput, Onpe2016, Scheme};
use super::Key;
use crate::dictionary::ids;
use crate::finding::{finding, Code, Finding};
use crate::record::Record;

/// Placeholder values, compared with the normalised value (`n.c.` and `Néant` match too).
const PLACEHOLDERS: &[&str] = &["INCONNU", "INCONNUE", "NC", "X", "XX", "XXX", "?", "NEANT"];

/// One of the three identity inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The first name.
    FirstName,
    /// The mother's name.
    MotherName,
    /// The birth string.
    Birth,
}

impl Role {
    /// French wording used in messages.
    fn french(self) -> &'static str {
        match self {
            Role::FirstName => "le prénom",
            Role::MotherName => "le nom de naissance de la mère",
            Role::Birth => "le mois et l'année de naissance",
        }
    }
}

/// Where one identity input came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The column meant for it.
    Own,
    /// The mother's usage name (`NOMUSAGE`) for her birth name.
    UsageName,
    /// The case-file number (`NUMDO`).
    Numdo,
}

/// The outcome of resolving a record's identity (no value is printable).
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The inputs to hash, or `None` when one of them is missing and there is no `NUMDO`.
    pub input: Option<IdentityInput>,
    /// Where each input came from (first name, mother's name, birth).
    pub sources: [Source; 3],
    /// The inputs that are missing with no `NUMDO` to stand in.
    pub missing: Vec<Role>,
    /// The columns whose value used is a placeholder (`INCONNU`, `X`…).
    pub placeholders: Vec<Column>,
}

/// An identity column, for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `PRENOM`.
    Prenom,
    /// The mother's birth-name column.
    MotherBirthName,
    /// `NOMUSAGE`.
    Nomusage,
    /// `NUMDO`.
    Numdo,
}

/// Two-digit form of a day or month: `9` → `09`; anything else as it is.
fn two_digits(value: &str) -> String {
    let v = value.trim();
    if v.len() == 1 && v.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{v}")
    } else {
        v.to_owned()
    }
}

fn is_placeholder(normalised: &str) -> bool {
    PLACEHOLDERS.contains(&normalised)
}

/// Resolves the identity inputs of `rec`; `with_day` puts `JNAIS` in the birth string.
pub fn resolve(rec: &Record, with_day: bool) -> Resolution {
    let id = &rec.identity;
    let numdo = normalise_numdo(id.numdo.expose());
    let mut sources = [Source::Own; 3];
    let mut missing = Vec::new();
    let mut placeholders = Vec::new();
    let mut numdo_used = false;

    let mut v1 = normalise_name(id.prenom.expose());
    if v1.is_empty() {
        sources[0] = Source::Numdo;
        v1.clone_from(&numdo);
        numdo_used = true;
        if numdo.is_empty() {
            missing.push(Role::FirstName);
        }
    } else if is_placeholder(&v1) {
        placeholders.push(Column::Prenom);
    }

    let mut v2 = normalise_name(id.nommere.expose());
    if v2.is_empty() {
        v2 = normalise_name(id.nomusage.expose());
        if v2.is_empty() {
            sources[1] = Source::Numdo;
            v2.clone_from(&numdo);
            numdo_used = true;
            if numdo.is_empty() {
                missing.push(Role::MotherName);
            }
        } else {
            sources[1] = Source::UsageName;
            if is_placeholder(&v2) {
                placeholders.push(Column::Nomusage);
            }
        }
    } else if is_placeholder(&v2) {
        placeholders.push(Column::MotherBirthName);
    }

    let mnais = two_digits(rec.get(ids::MNAIS));
    let anais = rec.get(ids::ANAIS).trim();
    let birth = if mnais.is_empty() && anais.is_empty() {
        sources[2] = Source::Numdo;
        numdo_used = true;
        if numdo.is_empty() {
            missing.push(Role::Birth);
        }
        numdo.clone()
    } else {
        let mut b = String::with_capacity(8);
        if with_day {
            b.push_str(&two_digits(id.jnais.expose()));
        }
        b.push_str(&mnais);
        b.push_str(anais);
        b
    };

    if numdo_used && !numdo.is_empty() && is_placeholder(&numdo) {
        placeholders.push(Column::Numdo);
    }
    let input = missing
        .is_empty()
        .then_some(IdentityInput { v1, v2, birth });
    Resolution {
        input,
        sources,
        missing,
        placeholders,
    }
}

/// Why a row gets no identifier (French, never an identity value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// French reason, written in the receipt's `rejected` list.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Level-1 pseudonymisation of records: scheme, key and options.
pub struct Pseudonymiser {
    scheme: Box<dyn Scheme>,
    key: Key,
    with_day: bool,
    uppercase: bool,
    mother_column: String,
}

impl std::fmt::Debug for Pseudonymiser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pseudonymiser")
            .field("scheme", &self.scheme.id())
            .field("key", &self.key)
            .field("with_day", &self.with_day)
            .field("uppercase", &self.uppercase)
            .finish()
    }
}

impl Pseudonymiser {
    /// ONPE's scheme (`onpe-2016`) with `key`; `with_day` feeds `JNAIS`, `uppercase` writes
    /// upper-case hexadecimal.
    pub fn new(key: Key, with_day: bool, uppercase: bool) -> Self {
        Pseudonymiser::with_scheme(Box::new(Onpe2016), key, with_day, uppercase)
    }

    /// Another scheme.
    pub fn with_scheme(scheme: Box<dyn Scheme>, key: Key, with_day: bool, uppercase: bool) -> Self {
        Pseudonymiser {
            scheme,
            key,
            with_day,
            uppercase,
            mother_column: "NOMMERE".to_owned(),
        }
    }

    /// Names the mother's birth-name column in findings as the input file calls it
    /// (`NOMMERE`, `NOMMEREJEUNE` or `NOM_MERE`; default `NOMMERE`).
    pub fn set_mother_column(&mut self, name: &str) {
        name.clone_into(&mut self.mother_column);
    }

    /// The scheme identifier, for the receipt.
    pub fn scheme_id(&self) -> &'static str {
        self.scheme.id()
    }

    /// The identifier of already resolved inputs, in the chosen case.
    pub fn identifier(&self, input: &IdentityInput) -> String {
        let mut id = self.scheme.level1(input, &self.key);
        if self.uppercase {
            id.make_ascii_uppercase();
        }
        id
    }

    fn column_name(&self, c: Column) -> &str {
        match c {
            Column::Prenom => "PRENOM",
            Column::MotherBirthName => &self.mother_column,
            Column::Nomusage => "NOMUSAGE",
            Column::Numdo => "NUMDO",
        }
    }

    fn role_column(&self, r: Role) -> &str {
        match r {
            Role::FirstName => "PRENOM",
            Role::MotherName => &self.mother_column,
            Role::Birth => "ANAIS",
        }
    }

    /// Sets `NUMANONYM` (and `NUMANONYMANT` when empty) of `rec` from its identity, adding the
    /// findings of the resolution; returns the rejection when no identifier can be made.
    pub fn apply(&self, rec: &mut Record, findings: &mut Vec<Finding>) -> Result<(), Rejection> {
        let res = resolve(rec, self.with_day);
        let (row, line) = (Some(rec.row), Some(rec.line));
        let Some(input) = res.input else {
            let what: Vec<&str> = res.missing.iter().map(|r| r.french()).collect();
            let what = join_french(&what);
            let first = res.missing.first().copied().unwrap_or(Role::FirstName);
            findings.push(finding(
                Code::IdentityMissing,
                row,
                line,
                Some(self.role_column(first)),
                &[("donnees", &what)],
            ));
            return Err(Rejection {
                reason: format!(
                    "identifiant impossible à calculer : {what} vide(s) et aucun numéro de \
                     dossier (NUMDO) pour le(s) remplacer"
                ),
            });
        };
        if res.sources[1] == Source::UsageName {
            findings.push(finding(
                Code::MotherNameUsage,
                row,
                line,
                Some(&self.mother_column),
                &[("variable", &self.mother_column)],
            ));
        }
        for (role, source) in [Role::FirstName, Role::MotherName, Role::Birth]
            .into_iter()
            .zip(res.sources)
        {
            if source == Source::Numdo {
                findings.push(finding(
                    Code::IdentitySubstitutedNumdo,
                    row,
                    line,
                    Some(self.role_column(role)),
                    &[("donnee", role.french())],
                ));
            }
        }
        for c in &res.placeholders {
            let name = self.column_name(*c);
            findings.push(finding(
                Code::IdentityPlaceholder,
                row,
                line,
                Some(name),
                &[("colonne", name)],
            ));
        }
        let id = self.identifier(&input);
        rec.set(ids::NUMANONYM, &id);
        if rec.is_empty(ids::NUMANONYMANT) {
            rec.set(ids::NUMANONYMANT, &id);
            findings.push(finding(
                Code::NumanonymantSetEqual,
                row,
                line,
                Some("NUMANONYMANT"),
                &[],
            ));
        }
        Ok(())
    }
}

/// `a`, `a et b`, `a, b et c`.
fn join_french(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (PRENOM, mother's birth name, NOMUSAGE, JNAIS, MNAIS, ANAIS, NUMDO).
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );

    fn record(r: Row) -> Record {
        let mut rec = Record::new();
        rec.row = 7;
        rec.line = 8;
        rec.identity.prenom.set(r.0);
        rec.identity.nommere.set(r.1);
        rec.identity.nomusage.set(r.2);
        rec.identity.jnais.set(r.3);
        rec.set(ids::MNAIS, r.4);
        rec.set(ids::ANAIS, r.5);
        rec.identity.numdo.set(r.6);
        rec
    }

    fn run(r: Row, with_day: bool) -> (Result<String, Rejection>, Vec<(Code, String)>) {
        let p = Pseudonymiser::new(Key::new("CLE_DE_TEST").unwrap(), with_day, false);
        let mut rec = record(r);
        let mut findings = Vec::new();
        let out = p
            .apply(&mut rec, &mut findings)
            .map(|()| rec.get(ids::NUMANONYM).to_owned());
        let f = findings
            .into_iter()
            .map(|f| {
                assert_eq!((f.row, f.line), (Some(7), Some(8)));
                (f.code, f.variable.unwrap_or_default())
            })
            .collect();
        (out, f)
    }

    fn inputs(r: Row, with_day: bool) -> Option<(String, String, String)> {
        resolve(&record(r), with_day)
            .input
            .map(|i| (i.v1, i.v2, i.birth))
    }

    fn s(a: &str, b: &str, c: &str) -> Option<(String, String, String)> {
        Some((a.to_owned(), b.to_owned(), c.to_owned()))
    }

    #[test]
    fn resolution_table() {
        let cases: &[(Row, bool, Option<(String, String, String)>)] = &[
            (
                ("Pierre", "Dupont", "", "", "09", "1997", ""),
                false,
                s("PIERRE", "DUPONT", "091997"),
            ),
            (
                ("Pierre", "Dupont", "", "16", "9", "1997", ""),
                false,
                s("PIERRE", "DUPONT", "091997"),
            ),
            (
                ("Pierre", "Dupont", "", "16", "9", "1997", ""),
                true,
                s("PIERRE", "DUPONT", "16091997"),
            ),
            (
                ("Pierre", "Dupont", "", "3", "09", "1997", ""),
                true,
                s("PIERRE", "DUPONT", "03091997"),
            ),
            (
                ("Pierre", "Dupont", "", "", "09", "1997", ""),
                true,
                s("PIERRE", "DUPONT", "091997"),
            ),
            (
                ("Pierre", "Dupont", "", "", "99", "9999", ""),
                false,
                s("PIERRE", "DUPONT", "999999"),
            ),
            (
                ("Pierre", "", "Durand", "", "09", "1997", ""),
                false,
                s("PIERRE", "DURAND", "091997"),
            ),
            (
                ("Pierre", "Dupont", "Durand", "", "09", "1997", ""),
                false,
                s("PIERRE", "DUPONT", "091997"),
            ),
            (
                ("", "", "", "", "09", "1997", "d-12/3"),
                false,
                s("D123", "D123", "091997"),
            ),
            (
                ("--", "", "", "", "", "", "A 1"),
                false,
                s("A1", "A1", "A1"),
            ),
            (
                ("Pierre", "Dupont", "", "", "", "1997", ""),
                false,
                s("PIERRE", "DUPONT", "1997"),
            ),
            (("", "Dupont", "", "", "09", "1997", ""), false, None),
            (("Pierre", "Dupont", "", "", "", "", ""), false, None),
            (("Pierre", "", "", "", "09", "1997", " -. "), false, None),
        ];
        for (row, with_day, want) in cases {
            assert_eq!(&inputs(*row, *with_day), want, "{row:?}");
        }
    }

    #[test]
    fn findings_table() {
        let cases: &[(Row, &[(Code, &str)])] = &[
            (
                ("Pierre", "", "Durand", "", "09", "1997", ""),
                &[
                    (Code::MotherNameUsage, "NOMMERE"),
                    (Code::NumanonymantSetEqual, "NUMANONYMANT"),
                ],
            ),
            (
                ("", "", "", "", "", "", "D123"),
                &[
                    (Code::IdentitySubstitutedNumdo, "PRENOM"),
                    (Code::IdentitySubstitutedNumdo, "NOMMERE"),
                    (Code::IdentitySubstitutedNumdo, "ANAIS"),
                    (Code::NumanonymantSetEqual, "NUMANONYMANT"),
                ],
            ),
            (
                ("Inconnu", "X", "", "", "01", "2001", ""),
                &[
                    (Code::IdentityPlaceholder, "PRENOM"),
                    (Code::IdentityPlaceholder, "NOMMERE"),
                    (Code::NumanonymantSetEqual, "NUMANONYMANT"),
                ],
            ),
            (
                ("n.c.", "", "Néant", "", "01", "2001", ""),
                &[
                    (Code::MotherNameUsage, "NOMMERE"),
                    (Code::IdentityPlaceholder, "PRENOM"),
                    (Code::IdentityPlaceholder, "NOMUSAGE"),
                    (Code::NumanonymantSetEqual, "NUMANONYMANT"),
                ],
            ),
            (
                ("?", "Dupont", "", "", "01", "2001", "?"),
                &[
                    (Code::IdentitySubstitutedNumdo, "PRENOM"),
                    (Code::IdentityPlaceholder, "NUMDO"),
                    (Code::NumanonymantSetEqual, "NUMANONYMANT"),
                ],
            ),
            (
                ("", "", "", "", "09", "1997", ""),
                &[(Code::IdentityMissing, "PRENOM")],
            ),
            (
                ("Pierre", "Dupont", "", "", "", "", ""),
                &[(Code::IdentityMissing, "ANAIS")],
            ),
        ];
        for (row, want) in cases {
            let (_, got) = run(*row, false);
            let got: Vec<(Code, &str)> = got.iter().map(|(c, v)| (*c, v.as_str())).collect();
            assert_eq!(&got, want, "{row:?}");
        }
    }

    #[test]
    fn rejection_and_numanonymant() {
        let (out, _) = run(("", "", "", "", "09", "1997", ""), false);
        let reason = out.unwrap_err().reason;
        assert!(
            reason.contains("le prénom et le nom de naissance de la mère"),
            "{reason}"
        );

        // A NUMANONYMANT received is kept as it is, case included.
        let p = Pseudonymiser::new(Key::new("CLE_DE_TEST").unwrap(), false, false);
        let mut rec = record(("Pierre", "Dupont", "", "", "09", "1997", ""));
        let previous = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
        rec.set(ids::NUMANONYMANT, previous);
        let mut findings = Vec::new();
        p.apply(&mut rec, &mut findings).unwrap();
        assert!(findings.is_empty());
        assert_eq!(rec.get(ids::NUMANONYMANT), previous);
        assert_eq!(
            rec.get(ids::NUMANONYM),
            "877aa93ef312e68eb9f8fac5dc5e88d68e95f75a"
        );
    }

    #[test]
    fn messages_never_quote_identity() {
        let secrets = [
            "Zébulon", "ZEBULON", "Qwertz", "QWERTZ", "XK-4411", "XK4411",
        ];
        for row in [
            ("Zébulon", "", "Qwertz", "", "", "", "XK-4411"),
            ("", "", "", "", "09", "1997", ""),
        ] {
            let p = Pseudonymiser::new(Key::new("CLE_DE_TEST").unwrap(), true, false);
            let mut rec = record(row);
            let mut findings = Vec::new();
            let out = p.apply(&mut rec, &mut findings);
            let mut text: Vec<String> = findings.iter().map(|f| f.message.clone()).collect();
            if let Err(r) = out {
                text.push(r.reason);
            }
            for t in &text {
                for s in secrets {
                    assert!(!t.contains(s), "{t}");
                }
                assert!(!t.contains("CLE_DE_TEST"));
            }
        }
    }
}
