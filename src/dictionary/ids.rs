//! Indices of the variables in the dictionary table, in the XSD's (alphabetical) order.
//! Generated once from `decret2016.xsd`; `UTDP` (ODPE only) comes last. The dictionary
//! test checks these against the table.

#![allow(missing_docs)]

pub const ACCFAM: usize = 0;
pub const ACCMOD: usize = 1;
pub const ALLOC: usize = 2;
pub const ANAIS: usize = 3;
pub const ANSA1: usize = 4;
pub const ANSA2: usize = 5;
pub const ANSMERE: usize = 6;
pub const ANSPERE: usize = 7;
pub const AUTREDA: usize = 8;
pub const AUTREDJ: usize = 9;
pub const AUTREHEBER: usize = 10;
pub const AUTRLIEUACC: usize = 11;
pub const AUTRLIEUAR: usize = 12;
pub const CHGLIEU: usize = 13;
pub const COMPOMENAG: usize = 14;
pub const CONDADD: usize = 15;
pub const CONDEDEV: usize = 16;
pub const CONDEDUC: usize = 17;
pub const CONFL: usize = 18;
pub const CSPA1: usize = 19;
pub const CSPA2: usize = 20;
pub const CSPJM: usize = 21;
pub const DANGER: usize = 22;
pub const DATDCMERE: usize = 23;
pub const DATDCPERE: usize = 24;
pub const DATDEB: usize = 25;
pub const DATDECAP: usize = 26;
pub const DATDECMIN: usize = 27;
pub const DATDECPE: usize = 28;
pub const DATFIN: usize = 29;
pub const DATIP: usize = 30;
pub const DATJE: usize = 31;
pub const DATPPE: usize = 32;
pub const DATSIGN: usize = 33;
pub const DCMERE: usize = 34;
pub const DCPERE: usize = 35;
pub const DECAP: usize = 36;
pub const DECISION: usize = 37;
pub const DEFINTEL: usize = 38;
pub const DIPLOME: usize = 39;
pub const EMPLA1: usize = 40;
pub const EMPLA2: usize = 41;
pub const EMPLJM: usize = 42;
pub const ENQPENAL: usize = 43;
pub const ETABSCOSPE: usize = 44;
pub const FINEVAL: usize = 45;
pub const FREQSCO: usize = 46;
pub const HANDICAP: usize = 47;
pub const INSTITPLAC: usize = 48;
pub const INTERANT: usize = 49;
pub const LIENA1: usize = 50;
pub const LIENA2: usize = 51;
pub const LIEUACC: usize = 52;
pub const LIEUPLAC: usize = 53;
pub const MENAGEJM: usize = 54;
pub const MEREINC: usize = 55;
pub const MESANT: usize = 56;
pub const MINA: usize = 57;
pub const MINIMA: usize = 58;
pub const MNAIS: usize = 59;
pub const MODACC: usize = 60;
pub const MORALITE: usize = 61;
pub const MOTFININT: usize = 62;
pub const MOTIFML: usize = 63;
pub const MOTIFSIG: usize = 64;
pub const NATDECASSED: usize = 65;
pub const NATDECPLAC: usize = 66;
pub const NATPDECADM: usize = 67;
pub const NBCHGLIEU: usize = 68;
pub const NBENF: usize = 69;
pub const NBFRAT: usize = 70;
pub const NEGLIG: usize = 71;
pub const NIVSCO: usize = 72;
pub const NOTIFEVAL: usize = 73;
pub const NUMANONYM: usize = 74;
pub const NUMANONYMANT: usize = 75;
pub const NUMDEP: usize = 76;
pub const ORIENTDEC: usize = 77;
pub const ORIENTEFF: usize = 78;
pub const ORIGIP: usize = 79;
pub const PEREINC: usize = 80;
pub const PLACMOD: usize = 81;
pub const PROJET: usize = 82;
pub const SAISJUR: usize = 83;
pub const SANTE: usize = 84;
pub const SCOCLASPE: usize = 85;
pub const SCODTCOM: usize = 86;
pub const SECURITE: usize = 87;
pub const SEXA1: usize = 88;
pub const SEXA2: usize = 89;
pub const SEXE: usize = 90;
pub const SOUTSOC: usize = 91;
pub const TITAP: usize = 92;
pub const TRAITINFO: usize = 93;
pub const TRANSIP: usize = 94;
pub const TYPCLASSPE: usize = 95;
pub const TYPDECJUD: usize = 96;
pub const TYPETABSPE: usize = 97;
pub const TYPEV: usize = 98;
pub const TYPINTERDOM: usize = 99;
pub const VIOLCONJ: usize = 100;
pub const VIOLFAM: usize = 101;
pub const VIOLPHYS: usize = 102;
pub const VIOLPSY: usize = 103;
pub const VIOLSEX: usize = 104;
pub const UTDP: usize = 105;
/// Number of variables of the decree (XSD `DONNEE` children).
pub const N_DECREE: usize = 105;
/// Number of variables including `UTDP`.
pub const N_ALL: usize = 106;

/// Codes of the variables, indexed like the constants above (`CODES[TYPEV] == "TYPEV"`).
pub const CODES: [&str; N_ALL] = [
    "ACCFAM",
    "ACCMOD",
    "ALLOC",
    "ANAIS",
    "ANSA1",
    "ANSA2",
    "ANSMERE",
    "ANSPERE",
    "AUTREDA",
    "AUTREDJ",
    "AUTREHEBER",
    "AUTRLIEUACC",
    "AUTRLIEUAR",
    "CHGLIEU",
    "COMPOMENAG",
    "CONDADD",
    "CONDEDEV",
    "CONDEDUC",
    "CONFL",
    "CSPA1",
    "CSPA2",
    "CSPJM",
    "DANGER",
    "DATDCMERE",
    "DATDCPERE",
    "DATDEB",
    "DATDECAP",
    "DATDECMIN",
    "DATDECPE",
    "DATFIN",
    "DATIP",
    "DATJE",
    "DATPPE",
    "DATSIGN",
    "DCMERE",
    "DCPERE",
    "DECAP",
    "DECISION",
    "DEFINTEL",
    "DIPLOME",
    "EMPLA1",
    "EMPLA2",
    "EMPLJM",
    "ENQPENAL",
    "ETABSCOSPE",
    "FINEVAL",
    "FREQSCO",
    "HANDICAP",
    "INSTITPLAC",
    "INTERANT",
    "LIENA1",
    "LIENA2",
    "LIEUACC",
    "LIEUPLAC",
    "MENAGEJM",
    "MEREINC",
    "MESANT",
    "MINA",
    "MINIMA",
    "MNAIS",
    "MODACC",
    "MORALITE",
    "MOTFININT",
    "MOTIFML",
    "MOTIFSIG",
    "NATDECASSED",
    "NATDECPLAC",
    "NATPDECADM",
    "NBCHGLIEU",
    "NBENF",
    "NBFRAT",
    "NEGLIG",
    "NIVSCO",
    "NOTIFEVAL",
    "NUMANONYM",
    "NUMANONYMANT",
    "NUMDEP",
    "ORIENTDEC",
    "ORIENTEFF",
    "ORIGIP",
    "PEREINC",
    "PLACMOD",
    "PROJET",
    "SAISJUR",
    "SANTE",
    "SCOCLASPE",
    "SCODTCOM",
    "SECURITE",
    "SEXA1",
    "SEXA2",
    "SEXE",
    "SOUTSOC",
    "TITAP",
    "TRAITINFO",
    "TRANSIP",
    "TYPCLASSPE",
    "TYPDECJUD",
    "TYPETABSPE",
    "TYPEV",
    "TYPINTERDOM",
    "VIOLCONJ",
    "VIOLFAM",
    "VIOLPHYS",
    "VIOLPSY",
    "VIOLSEX",
    "UTDP",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_constants() {
        assert_eq!(CODES[ACCFAM], "ACCFAM");
        assert_eq!(CODES[TYPEV], "TYPEV");
        assert_eq!(CODES[VIOLSEX], "VIOLSEX");
        assert_eq!(CODES[UTDP], "UTDP");
        // The decree's variables are in the XSD's alphabetical order.
        assert!(CODES[..N_DECREE].windows(2).all(|w| w[0] < w[1]));
    }
}
