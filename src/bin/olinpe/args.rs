//! The command line as one table ([`COMMANDS`]): each command's synopsis, arguments and
//! options, declared once, with French help and defaults. The parser, `olinpe --help`,
//! `olinpe COMMANDE --help` and the usage text of error messages are all made from it; a
//! test checks that the synopsis and the options agree.

use olinpe::error::{Error, ErrorKind};
use std::path::PathBuf;

/// One option of a command.
pub struct Opt {
    /// Its name, without `--`.
    pub name: &'static str,
    /// The placeholder of its value (`None`: a switch without value).
    pub value: Option<&'static str>,
    /// What it does (French).
    pub help: &'static str,
    /// Its default, as shown in the help (French).
    pub default: Option<&'static str>,
}

/// One command.
pub struct Command {
    /// Its name.
    pub name: &'static str,
    /// Other accepted spellings.
    pub aliases: &'static [&'static str],
    /// Shown in `olinpe --help` and in the usage text.
    pub hidden: bool,
    /// One line saying what it does (French).
    pub summary: &'static str,
    /// The synopsis after `olinpe NAME `, one entry per printed line.
    pub synopsis: &'static [&'static str],
    /// The positional argument, if any: (placeholder, help).
    pub input: Option<(&'static str, &'static str)>,
    /// Its options.
    pub opts: &'static [Opt],
    /// More to say, after the options (French, may be empty).
    pub notes: &'static str,
}

const fn opt(
    name: &'static str,
    value: Option<&'static str>,
    help: &'static str,
    default: Option<&'static str>,
) -> Opt {
    Opt {
        name,
        value,
        help,
        default,
    }
}

const KEY_FILE: Opt = opt(
    "key-file",
    Some("CLE"),
    "fichier contenant la clé de hachage (une ligne, UTF-8) ; jamais la clé elle-même sur \
     la ligne de commande",
    Some("la variable d'environnement OLINPE_KEY"),
);
const MAP_FILE: Opt = opt(
    "map-file",
    Some("CORRESPONDANCE"),
    "correspondance des colonnes, une par ligne : CODE=en-tête tel qu'il figure dans le \
     fichier (le même format que l'import et l'export de la page)",
    Some("aucune, les en-têtes sont les codes officiels"),
);
const YEAR: Opt = opt(
    "year",
    Some("AAAA"),
    "année de référence des données",
    Some("déduite des dates du fichier"),
);
const SHEET: Opt = opt(
    "sheet",
    Some("FEUILLE"),
    "pour un classeur XLSX ou ODS : la feuille à lire, par son nom exact",
    Some("la première feuille du classeur"),
);
const FORCE: Opt = opt(
    "force",
    None,
    "remplace les fichiers de sortie qui existent déjà",
    Some("non, refus si un fichier existe"),
);

const EXIT: &str = "La première ligne du résumé donne le verdict : peut être transmis \
                    (transmissible), à vérifier avant de transmettre (a_verifier) ou ne pas \
                    transmettre en l'état (bloquant), avec ses raisons et quoi faire. \
                    Statut de sortie : 0 verdict transmissible ou à vérifier ; 1 le fichier a \
                    été lu et le verdict est bloquant (erreurs, lignes écartées, fichier XML \
                    refusé par le schéma, identifiants mal formés en re-hachage) ; 2 fichier \
                    illisible, déjà pseudonymisé ou sans les colonnes d'identité nécessaires \
                    en préparation de la transmission, ou options incorrectes (message sur la \
                    sortie d'erreur).";

/// Every command.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "check",
        aliases: &[],
        hidden: false,
        summary: "vérifie un fichier Olinpe (CSV ou XML du décret 2016) : audit ONPE, \
                  constats, taux de remplissage",
        synopsis: &[
            "FICHIER [--format text|json] [--year AAAA] [--max-findings N]",
            "[--findings-csv SORTIE.csv] [--corrections SORTIE.csv]",
            "[--map-file CORRESPONDANCE] [--repair SORTIE] [--sheet FEUILLE]",
        ],
        input: Some((
            "FICHIER",
            "le fichier à vérifier (CSV, XML, ou classeur XLSX ou ODS)",
        )),
        opts: &[
            opt(
                "format",
                Some("text|json"),
                "forme du rapport écrit sur la sortie standard : résumé en français ou rapport JSON",
                Some("text"),
            ),
            YEAR,
            opt(
                "max-findings",
                Some("N"),
                "nombre de constats gardés par code dans le rapport (les comptes restent exacts)",
                Some("1000"),
            ),
            opt(
                "findings-csv",
                Some("SORTIE.csv"),
                "écrit tous les constats, sans limite, dans ce fichier CSV (remplacé s'il existe)",
                Some("aucun fichier"),
            ),
            opt(
                "corrections",
                Some("SORTIE.csv"),
                "liste interne des corrections : tous les constats avec le numéro de dossier \
                 (NUMDO) de l'enregistrement, pour retrouver l'enfant dans le logiciel métier ; \
                 jamais de prénom, de nom ni de jour de naissance ; à ne pas transmettre \
                 (remplacée si elle existe)",
                Some("aucune liste"),
            ),
            MAP_FILE,
            opt(
                "repair",
                Some("SORTIE"),
                "écrit une copie du fichier où les dégâts de tableur (zéros perdus, dates \
                 JJ/MM/AAAA) sont réparés (remplacée si elle existe ; en CSV pour un classeur)",
                Some("aucune copie"),
            ),
            SHEET,
        ],
        notes: EXIT,
    },
    Command {
        name: "pseudonymise",
        aliases: &["pseudonymize"],
        hidden: false,
        summary: "pseudonymise un fichier nominatif et prépare les fichiers à transmettre, \
                  leur reçu et le rapport",
        synopsis: &[
            "FICHIER [--key-file CLE] [--with-day] [--uppercase] [--map-file CORRESPONDANCE]",
            "[--previous FICHIER_AN_DERNIER] [--date-export AAAA-MM-JJ] [--year AAAA]",
            "[--sheet FEUILLE] [--repair] [--corrections] [--force] --out-dir DOSSIER",
        ],
        input: Some(("FICHIER", "le fichier nominatif exporté du logiciel métier")),
        opts: &[
            KEY_FILE,
            opt(
                "with-day",
                None,
                "inclut le jour de naissance dans l'identifiant (variante du procédé)",
                Some("non"),
            ),
            opt(
                "uppercase",
                None,
                "écrit l'identifiant hexadécimal en majuscules",
                Some("minuscules"),
            ),
            MAP_FILE,
            opt(
                "previous",
                Some("FICHIER_AN_DERNIER"),
                "fichier transmis l'an dernier : dit quelle variante (jour de naissance, \
                 casse) reproduit ses identifiants",
                Some("aucun"),
            ),
            opt(
                "date-export",
                Some("AAAA-MM-JJ"),
                "date d'export écrite dans le fichier XML",
                Some("la date du jour"),
            ),
            YEAR,
            SHEET,
            opt(
                "repair",
                None,
                "répare les dégâts de tableur (comme check --repair) avant le hachage",
                Some("non"),
            ),
            opt(
                "corrections",
                None,
                "écrit aussi NOM-corrections-interne.csv : tous les constats avec le numéro de \
                 dossier (NUMDO), pour usage interne, jamais transmis (le reçu le cite à part)",
                Some("non"),
            ),
            FORCE,
            opt(
                "out-dir",
                Some("DOSSIER"),
                "dossier (existant) où écrire NOM-transmission.xml et .csv, NOM-odpe.xml \
                 (avec la colonne UTDP), NOM-recu.json et .txt, NOM-rapport.json, \
                 NOM-constats.csv",
                Some("obligatoire"),
            ),
        ],
        notes: EXIT,
    },
    Command {
        name: "rehash",
        aliases: &[],
        hidden: false,
        summary: "re-hache NUMANONYM et NUMANONYMANT avec la clé de l'observatoire (second niveau)",
        synopsis: &["FICHIER [--key-file CLE] [--sheet FEUILLE] [--force] --out SORTIE"],
        input: Some((
            "FICHIER",
            "le fichier pseudonymisé reçu (CSV, XML, ou classeur XLSX ou ODS)",
        )),
        opts: &[
            KEY_FILE,
            SHEET,
            FORCE,
            opt(
                "out",
                Some("SORTIE"),
                "fichier re-haché, dans le format de l'entrée (CSV pour un classeur) ; le \
                 reçu est écrit à côté (SORTIE-recu.json, sans l'extension de SORTIE)",
                Some("obligatoire"),
            ),
        ],
        notes: EXIT,
    },
    Command {
        name: "generate",
        aliases: &[],
        hidden: false,
        summary: "génère un fichier synthétique (inventé) avec des erreurs plantées et leur \
                  manifeste",
        synopsis: &[
            "(--rows N --seed S [--error-rate R] [--nominative] [--year AAAA] [--numdep DD]",
            "[--date-export AAAA-MM-JJ] [--utdp] [--years 2 --out-next FICHIER]",
            "| --sample small|medium|large) --out FICHIER [--format csv|xlsx]",
            "[--manifest SORTIE.json]",
        ],
        input: None,
        opts: &[
            opt(
                "rows",
                Some("N"),
                "nombre d'enregistrements",
                Some("obligatoire sans --sample"),
            ),
            opt(
                "seed",
                Some("S"),
                "graine : même graine, mêmes octets",
                Some("obligatoire avec --rows"),
            ),
            opt(
                "error-rate",
                Some("R"),
                "part des enregistrements portant une erreur plantée (0 à 1)",
                Some("0"),
            ),
            opt(
                "nominative",
                None,
                "fichier nominatif : colonnes d'identité ajoutées, identifiants vides",
                Some("non"),
            ),
            opt("year", Some("AAAA"), "année de référence", Some("2018")),
            opt(
                "numdep",
                Some("DD"),
                "code du département (NUMDEP) du fichier",
                Some("tiré de la graine"),
            ),
            opt(
                "date-export",
                Some("AAAA-MM-JJ"),
                "date d'export : aucune date générée n'est postérieure",
                Some("le 15 mars de l'année suivante"),
            ),
            opt(
                "utdp",
                None,
                "ajoute la colonne UTDP (observatoire départemental)",
                Some("non"),
            ),
            opt(
                "years",
                Some("2"),
                "deux années consécutives : --out reçoit l'année --year, --out-next l'année \
                 suivante, avec les mêmes jeunes suivis d'une année sur l'autre et des défauts \
                 de continuité plantés, comptés dans le manifeste (--error-rate doit rester 0)",
                Some("1, un seul fichier"),
            ),
            opt(
                "out-next",
                Some("FICHIER"),
                "fichier CSV de l'année suivante, avec --years 2 (remplacé s'il existe)",
                Some("obligatoire avec --years 2"),
            ),
            opt(
                "sample",
                Some("small|medium|large"),
                "un échantillon de formation prédéfini (ne se combine pas avec les réglages \
                 ci-dessus)",
                Some("aucun"),
            ),
            opt(
                "out",
                Some("FICHIER"),
                "fichier à écrire (remplacé s'il existe)",
                Some("obligatoire"),
            ),
            opt(
                "format",
                Some("csv|xlsx"),
                "CSV (point-virgule, UTF-8) ou classeur XLSX, avec les mêmes valeurs et les mêmes \
                 erreurs plantées",
                Some("csv"),
            ),
            opt(
                "manifest",
                Some("SORTIE.json"),
                "écrit le manifeste des erreurs plantées (avec --years 2 : les comptes attendus \
                 de la continuité et ses défauts plantés)",
                Some("aucun"),
            ),
        ],
        notes: "",
    },
    Command {
        name: "serve",
        aliases: &[],
        hidden: false,
        summary: "sert la page sur http://127.0.0.1 pour ce seul poste de travail (pas pour \
                  un hébergement : les configurations d'hébergement sont dans deploy/)",
        synopsis: &["[--port P] [--dir DOSSIER]"],
        input: None,
        opts: &[
            opt("port", Some("P"), "port d'écoute sur 127.0.0.1", Some("8080")),
            opt(
                "dir",
                Some("DOSSIER"),
                "dossier de la page construite (olinpe.html et olinpe.csp, par \
                 scripts/build-all.sh)",
                Some("dist"),
            ),
        ],
        notes: "Ce serveur minimal n'écoute que sur ce poste (127.0.0.1) : il n'est pas fait \
                pour héberger la page pour d'autres postes. Pour un hébergement, voir les \
                configurations de deploy/ et docs/hosting.md.",
    },
    Command {
        name: "continuity",
        aliases: &["continuite"],
        hidden: false,
        summary: "compare le fichier de cette année à celui transmis l'an dernier : jeunes \
                  retrouvés, suite des mesures ouvertes, identifiants, indicateurs, et un avis \
                  de continuité",
        synopsis: &["PRECEDENT ACTUEL [--format text|json] [--max-findings N] [--year AAAA]"],
        input: Some((
            "PRECEDENT ACTUEL",
            "le fichier transmis l'an dernier, puis celui de cette année (pseudonymisés, CSV \
             ou XML)",
        )),
        opts: &[
            opt(
                "format",
                Some("text|json"),
                "forme du résultat écrit sur la sortie standard : résumé en français ou JSON de \
                 continuité",
                Some("text"),
            ),
            opt(
                "max-findings",
                Some("N"),
                "nombre de constats gardés dans le JSON (les comptes restent exacts)",
                Some("1000"),
            ),
            opt(
                "year",
                Some("AAAA"),
                "année de référence du fichier de cette année",
                Some("déduite des dates du fichier"),
            ),
        ],
        notes: "Statut de sortie : 0 avis « transmissible » ou « à vérifier » ; 1 avis \
                « bloquant » (fichiers de deux années qui ne se suivent pas, ou de deux \
                départements) ; 2 fichier illisible ou options incorrectes (message sur la \
                sortie d'erreur). Ce que chaque compte veut dire : docs/continuity.md.",
    },
    Command {
        name: "read-only",
        aliases: &[],
        hidden: true,
        summary: "le lecteur seul, pour bench/run.sh",
        synopsis: &["FICHIER"],
        input: Some(("FICHIER", "le fichier à lire")),
        opts: &[],
        notes: "",
    },
];

const KEY_NOTE: &str =
    "La clé se lit dans --key-file ou, à défaut, dans la variable d'environnement OLINPE_KEY.";

/// The usage text of error messages and `olinpe --help`.
pub fn usage() -> String {
    let mut s = String::from("Usage :");
    for c in COMMANDS.iter().filter(|c| !c.hidden) {
        s.push('\n');
        s.push_str(&synopsis(c));
    }
    s.push('\n');
    s.push_str(KEY_NOTE);
    s
}

fn synopsis(c: &Command) -> String {
    let mut s = String::new();
    for (i, line) in c.synopsis.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("  olinpe {} {line}", c.name));
        } else {
            s.push_str(&format!("\n{:23}{line}", ""));
        }
    }
    s
}

/// Width of the help text.
const WIDTH: usize = 96;
/// Where the description of an option starts.
const COLUMN: usize = 31;

/// `text` filled to [`WIDTH`], its lines after the first indented by `indent` (the first
/// starts at column `start`).
fn fill(text: &str, start: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = start;
    for (i, word) in text.split(' ').filter(|w| !w.is_empty()).enumerate() {
        let w = word.chars().count();
        if i > 0 {
            if col + 1 + w > WIDTH {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += w;
    }
    out
}

/// One line of the argument or option list: `head` then its description, filled.
fn item(head: &str, text: &str) -> String {
    let mut s = if head.chars().count() > 28 {
        format!("  {head}\n{}", " ".repeat(COLUMN))
    } else {
        format!("  {head:<28} ")
    };
    s.push_str(&fill(text, COLUMN, COLUMN));
    s.push('\n');
    s
}

/// `olinpe COMMANDE --help`.
pub fn command_help(c: &Command) -> String {
    let mut s = fill(&format!("olinpe {} — {}.", c.name, c.summary), 0, 2);
    s.push_str(&format!("\n\nUsage :\n{}\n", synopsis(c)));
    if let Some((p, h)) = c.input {
        s.push_str("\nArgument :\n");
        s.push_str(&item(p, h));
    }
    s.push_str("\nOptions :\n");
    for o in c.opts {
        let head = match o.value {
            Some(v) => format!("--{} {v}", o.name),
            None => format!("--{}", o.name),
        };
        let text = match o.default {
            Some(d) => format!("{} (défaut : {d})", o.help),
            None => o.help.to_owned(),
        };
        s.push_str(&item(&head, &text));
    }
    s.push_str(&item("--help", "affiche cette aide"));
    if c.opts.iter().any(|o| o.name == "key-file") {
        s.push('\n');
        s.push_str(&fill(KEY_NOTE, 0, 0));
        s.push('\n');
    }
    if !c.notes.is_empty() {
        s.push('\n');
        s.push_str(&fill(c.notes, 0, 0));
        s.push('\n');
    }
    s
}

/// The description of option `name` in a command's help, its lines joined (for tests).
#[cfg(test)]
fn described(help: &str, name: &str) -> Option<String> {
    let options = help.split("\nOptions :\n").nth(1)?;
    let mut lines = options.lines().skip_while(|l| {
        let t = l.trim_start();
        !(t == format!("--{name}") || t.starts_with(&format!("--{name} ")))
    });
    let mut block = lines.next()?.trim().to_owned();
    for l in lines.take_while(|l| l.starts_with(&" ".repeat(COLUMN))) {
        block.push(' ');
        block.push_str(l.trim());
    }
    Some(block)
}

/// `olinpe --help`: what the tool is, then every command with every option.
pub fn general_help() -> String {
    let mut s = format!(
        "olinpe {} — contrôle et pseudonymisation, sur le poste de travail, du fichier \
         annuel Olinpe (décret n° 2016-1966).\n\n{}\n\nCommandes :\n",
        olinpe::VERSION,
        usage()
    );
    for c in COMMANDS.iter().filter(|c| !c.hidden) {
        s.push_str(&format!("  {:<14} {}\n", c.name, fill(c.summary, 17, 17)));
    }
    s.push_str("\nAide d'une commande : olinpe COMMANDE --help\n");
    for c in COMMANDS.iter().filter(|c| !c.hidden) {
        s.push_str("\n────────\n");
        s.push_str(&command_help(c));
    }
    s
}

/// The command named `name` (or one of its aliases).
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// Parsed arguments of one command: its positional arguments and its options.
#[derive(Default)]
pub struct Args {
    pub positional: Vec<String>,
    values: Vec<(String, String)>,
    flags: Vec<String>,
    /// `--help` was given.
    pub help: bool,
}

impl Args {
    /// Parses `args` against `cmd`'s options.
    pub fn parse(cmd: &Command, args: &[String]) -> Result<Args, Error> {
        let mut out = Args::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                let known = cmd.opts.iter().find(|o| o.name == name);
                match known {
                    Some(o) if o.value.is_some() => {
                        let v = match inline {
                            Some(v) => v,
                            None => {
                                i += 1;
                                args.get(i).cloned().ok_or_else(|| {
                                    Error::usage(format!("l'option --{name} attend une valeur."))
                                })?
                            }
                        };
                        if out.values.iter().any(|(n, _)| n == name) {
                            return Err(Error::usage(format!(
                                "l'option --{name} est donnée deux fois."
                            )));
                        }
                        out.values.push((name.to_string(), v));
                    }
                    Some(_) if inline.is_none() => out.flags.push(name.to_string()),
                    _ if name == "key" => return Err(ErrorKind::KeyOnCommandLine.into()),
                    _ if name == "help" && inline.is_none() => out.help = true,
                    _ => {
                        return Err(Error::usage(format!(
                            "option inconnue --{name}.\n{}",
                            usage()
                        )))
                    }
                }
            } else {
                out.positional.push(a.clone());
            }
            i += 1;
        }
        Ok(out)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// The one input file.
    pub fn input(&self) -> Result<PathBuf, Error> {
        match self.positional.as_slice() {
            [one] => Ok(PathBuf::from(one)),
            [] => Err(Error::usage(format!(
                "fichier d'entrée manquant.\n{}",
                usage()
            ))),
            _ => Err(Error::usage("un seul fichier d'entrée est attendu.")),
        }
    }

    /// A number option.
    /// `--year`: an année of four digits (`AAAA`), as every command's help says.
    pub fn year(&self) -> Result<Option<i32>, Error> {
        let year = self.number::<i32>("year")?;
        match year {
            Some(y) if !(1000..=9999).contains(&y) => Err(Error::usage(format!(
                "valeur invalide pour --year : « {y} » (une année à quatre chiffres, AAAA)."
            ))),
            _ => Ok(year),
        }
    }

    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, Error> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<T>()
                .map(Some)
                .map_err(|_| Error::usage(format!("valeur invalide pour --{name} : « {v} »."))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The usage text (stderr is compared byte for byte; `--corrections` added with the
    /// verdict, `--sheet` and `--format csv|xlsx` with the spreadsheets,
    /// docs/spec/INTERFACES.md).
    const USAGE_BEFORE: &str = "\
Usage :
  olinpe check FICHIER [--format text|json] [--year AAAA] [--max-findings N]
                       [--findings-csv SORTIE.csv] [--corrections SORTIE.csv]
                       [--map-file CORRESPONDANCE] [--repair SORTIE] [--sheet FEUILLE]
  olinpe pseudonymise FICHIER [--key-file CLE] [--with-day] [--uppercase] [--map-file CORRESPONDANCE]
                       [--previous FICHIER_AN_DERNIER] [--date-export AAAA-MM-JJ] [--year AAAA]
                       [--sheet FEUILLE] [--repair] [--corrections] [--force] --out-dir DOSSIER
  olinpe rehash FICHIER [--key-file CLE] [--sheet FEUILLE] [--force] --out SORTIE
  olinpe generate (--rows N --seed S [--error-rate R] [--nominative] [--year AAAA] [--numdep DD]
                       [--date-export AAAA-MM-JJ] [--utdp] [--years 2 --out-next FICHIER]
                       | --sample small|medium|large) --out FICHIER [--format csv|xlsx]
                       [--manifest SORTIE.json]
  olinpe serve [--port P] [--dir DOSSIER]
  olinpe continuity PRECEDENT ACTUEL [--format text|json] [--max-findings N] [--year AAAA]
La clé se lit dans --key-file ou, à défaut, dans la variable d'environnement OLINPE_KEY.";

    #[test]
    fn the_usage_text_is_unchanged() {
        assert_eq!(usage(), USAGE_BEFORE);
    }

    #[test]
    fn synopsis_and_options_agree() {
        for c in COMMANDS {
            let text = c.synopsis.join(" ");
            let mentioned: Vec<&str> = text
                .split(|ch: char| ch.is_whitespace() || "[]()|".contains(ch))
                .filter_map(|w| w.strip_prefix("--"))
                .collect();
            for o in c.opts {
                assert!(
                    mentioned.contains(&o.name),
                    "{} --{} not in its synopsis",
                    c.name,
                    o.name
                );
                assert!(
                    o.default.is_some(),
                    "{} --{} has no default",
                    c.name,
                    o.name
                );
                if let Some(v) = o.value {
                    assert!(
                        text.contains(&format!("--{} {v}", o.name)),
                        "{} --{}",
                        c.name,
                        o.name
                    );
                }
            }
            for m in mentioned {
                assert!(
                    c.opts.iter().any(|o| o.name == m),
                    "{} --{m} is not an option",
                    c.name
                );
            }
        }
    }

    #[test]
    fn help_describes_every_option_with_its_default() {
        let all = general_help();
        for c in COMMANDS.iter().filter(|c| !c.hidden) {
            let h = command_help(c);
            for o in c.opts {
                let block =
                    described(&h, o.name).unwrap_or_else(|| panic!("{} --{}", c.name, o.name));
                assert!(block.contains("(défaut : "), "{block}");
            }
            for line in h.lines() {
                assert!(!line.ends_with(' '), "{line:?}");
                assert!(
                    line.chars().count() <= WIDTH || line.contains("olinpe "),
                    "{line}"
                );
            }
            assert!(all.contains(&h));
        }
        assert!(!all.contains("read-only"));
    }

    #[test]
    fn the_parser_keeps_its_messages() {
        let check = find("check").unwrap();
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let err = |v: &[&str]| Args::parse(check, &args(v)).err().map(|e| e.message());
        assert_eq!(
            err(&["a.csv", "--year"]).as_deref(),
            Some("l'option --year attend une valeur.")
        );
        for bad in ["-2147483648", "-5", "18", "20180"] {
            // Parsed, then refused where it is read (`Args::year`), with exit status 2.
            let a = Args::parse(check, &args(&["a.csv", "--year", bad])).expect("parsed");
            let e = a.year().expect_err("not a year of four digits");
            assert!(e.message().contains("AAAA"), "{}", e.message());
        }
        assert_eq!(
            err(&["a.csv", "--year=1", "--year", "2"]).as_deref(),
            Some("l'option --year est donnée deux fois.")
        );
        assert_eq!(
            err(&["--key", "x"]).as_deref(),
            Some("la clé ne se donne jamais sur la ligne de commande : utilisez --key-file ou OLINPE_KEY.")
        );
        assert_eq!(
            err(&["--sortie"]),
            Some(format!("option inconnue --sortie.\n{USAGE_BEFORE}"))
        );
        // A switch does not take `=value`; check's --repair takes a value, pseudonymise's not.
        let p = find("pseudonymize").unwrap();
        assert!(Args::parse(p, &args(&["--force=1"])).is_err());
        assert!(Args::parse(p, &args(&["--repair"])).unwrap().flag("repair"));
        assert_eq!(
            Args::parse(check, &args(&["--repair", "out.csv"]))
                .unwrap()
                .value("repair"),
            Some("out.csv")
        );
        assert!(
            Args::parse(check, &args(&["x.csv", "--help"]))
                .unwrap()
                .help
        );
    }
}
