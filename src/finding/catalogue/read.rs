//! Catalogue part of the reader (`src/read/`): problems found while turning bytes into
//! records. Inputs that cannot be read at all are not findings but fatal read errors (exit
//! status 2).

/// The read part of the catalogue: appends its section to the ones it is given and hands
/// them to the next macro of the chain (see the parent module).
macro_rules! read_part {
    ($next:ident $(, $rest:ident)*; $($parts:tt)*) => {
        $next! { $($rest),*; $($parts)*
            /// Reading: problems found while turning bytes into records (`src/read/`); inputs that
            /// cannot be read at all are not findings but fatal errors (exit status 2).
            Read {
                UnknownColumn {
                    code: "unknown-column",
                    severity: Severity::Warning,
                    title: "Colonne inconnue",
                    template: "La colonne n° {number} « {column} » n'est pas une variable du décret 2016 : \
                               elle est ignorée. Si elle correspond à une variable, renommez l'en-tête avec \
                               le code officiel ou indiquez la correspondance des colonnes \
                               (--map-file).",
                    explanation: "Le fichier transmis ne doit contenir que les variables prévues par le \
                                  décret ; une colonne au nom inconnu n'est pas lue, et si c'est une variable \
                                  mal nommée ses valeurs manqueront à l'ONPE.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                DuplicateColumn {
                    code: "duplicate-column",
                    severity: Severity::Error,
                    title: "Colonne en double",
                    template: "La colonne n° {number} « {column} » porte le nom d'une colonne déjà présente : \
                               seule la première est lue. Supprimez ou renommez la colonne en double dans \
                               l'export.",
                    explanation: "Deux colonnes pour une même variable peuvent contenir des valeurs \
                                  différentes ; l'outil ne peut pas savoir laquelle est la bonne et l'ONPE \
                                  recevrait une donnée ambiguë.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                FieldCount {
                    code: "field-count",
                    severity: Severity::Error,
                    title: "Nombre de champs incorrect",
                    template: "Cet enregistrement a {found} champs alors que l'en-tête compte {expected} \
                               colonnes : les champs manquants sont lus vides et les champs en trop ignorés. \
                               Vérifiez les séparateurs et les guillemets de cette ligne dans l'export.",
                    explanation: "Quand une ligne n'a pas le même nombre de champs que l'en-tête, les valeurs \
                                  risquent d'être décalées d'une colonne à l'autre et d'être attribuées à la \
                                  mauvaise variable.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                EncodingContradiction {
                    code: "encoding-contradiction",
                    severity: Severity::Error,
                    title: "Encodage des caractères incohérent",
                    template: "Ligne {line}, {column} : des caractères sont écrits en {other} alors que le \
                               début du fichier est en {encoding} ; ils ont été lus en {other}. Réenregistrez \
                               tout le fichier avec un seul encodage (UTF-8 de préférence).",
                    explanation: "Un fichier qui mélange deux encodages contient des lettres accentuées \
                                  corrompues ; les prénoms et noms mal lus changent le numéro d'anonymat et \
                                  cassent le suivi des parcours.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                XmlEncodingDeclaredWrong {
                    code: "xml-encoding-declared-wrong",
                    severity: Severity::Error,
                    title: "Encodage déclaré inexact",
                    template: "Le fichier XML se déclare en UTF-8 (encoding=\"UTF-8\") mais ses caractères \
                               accentués sont en windows-1252 (première fois ligne {line}) : ils ont été lus \
                               en windows-1252. Corrigez la déclaration (encoding=\"windows-1252\") ou \
                               réenregistrez le fichier en UTF-8 : un lecteur XML strict, comme celui qui \
                               recevra le fichier, le refuserait.",
                    explanation: "Un logiciel qui déclare un encodage et en écrit un autre produit un \
                                  fichier que les lecteurs XML stricts refusent ; l'outil lit les lettres \
                                  accentuées au mieux, mais le fichier doit être corrigé avant l'envoi.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                NoRecords {
                    code: "no-records",
                    severity: Severity::Error,
                    title: "Aucun enregistrement",
                    template: "Le fichier ne contient aucun enregistrement (seulement l'en-tête ou \
                               l'enveloppe XML) : vérifiez que l'export a bien été fait sur l'année voulue.",
                    explanation: "Un fichier sans aucune ligne de données ne transmet rien à l'ONPE : c'est \
                                  presque toujours un export interrompu ou fait avec de mauvais critères.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                Legacy2011File {
                    code: "legacy-2011-file",
                    severity: Severity::Error,
                    title: "Fichier au format de 2011",
                    template: "Ce fichier suit l'ancien format du décret de 2011 (colonnes telles que CODEV \
                               ou DATDEBPLAC, pas de TYPEV) : ses enregistrements ne sont pas contrôlés. \
                               Refaites l'export au format du décret 2016-1966.",
                    explanation: "Depuis le décret de 2016, les variables et leurs codes ont changé ; un \
                                  fichier à l'ancien format ne peut pas être intégré par l'ONPE sans \
                                  conversion et ses données seraient mal interprétées.",
                    variable: None,
                    onpe_section: None,
                    spec: "§8",
                },
                XmlOrder {
                    code: "xml-order",
                    severity: Severity::Info,
                    title: "Ordre des éléments XML",
                    template: "Les éléments d'un DONNEE ne sont pas dans l'ordre alphabétique du schéma \
                               (premier cas : {element}, ligne {line}) : l'outil les lit quand même, mais \
                               un fichier strictement conforme au schéma les range dans cet ordre.",
                    explanation: "Le schéma officiel impose l'ordre alphabétique des variables ; l'ONPE lit \
                                  les fichiers sans l'imposer, mais un contrôle strict du schéma rejetterait \
                                  ce fichier.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlVersion {
                    code: "xml-version",
                    severity: Severity::Info,
                    title: "Version du schéma XML",
                    template: "Le fichier déclare VERSIONXSD « {version} » au lieu de 2.0 : il est lu avec \
                               les variables du décret 2016. Mettez à jour la version déclarée par le \
                               logiciel d'export.",
                    explanation: "La version du schéma indique quelles règles le fichier suit ; une version \
                                  ancienne (1.22) laisse penser que l'export n'a pas été mis à jour.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlUnknownElement {
                    code: "xml-unknown-element",
                    severity: Severity::Warning,
                    title: "Élément XML inconnu",
                    template: "L'élément <{element}> (première fois ligne {line}) n'est pas une variable \
                               du décret 2016 : il est ignoré. Vérifiez son nom dans le logiciel d'export.",
                    explanation: "Un élément au nom inconnu n'est pas lu ; si c'est une variable mal \
                                  orthographiée, l'ONPE ne recevra pas ses valeurs.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlDoctypeIgnored {
                    code: "xml-doctype-ignored",
                    severity: Severity::Warning,
                    title: "Déclaration DOCTYPE ignorée",
                    template: "Le fichier contient une déclaration DOCTYPE (ligne {line}) : elle est \
                               ignorée et ses entités ne sont jamais développées ni chargées. Un fichier \
                               Olinpe n'en a pas besoin ; retirez-la de l'export.",
                    explanation: "Une déclaration DOCTYPE peut faire charger des ressources extérieures ou \
                                  gonfler le fichier à la lecture ; par sécurité l'outil ne la lit jamais, \
                                  et le format Olinpe n'en prévoit pas.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                LeadingZeroLost {
                    code: "leading-zero-lost",
                    severity: Severity::Error,
                    title: "Zéro initial perdu",
                    template: "{variable} a perdu son zéro initial{example}, sans doute à l'ouverture du \
                               fichier dans un tableur. Corrigez l'export à la source (valeur sur deux \
                               chiffres), ou relancez avec la réparation des dégâts de tableur (--repair), qui \
                               ajoute le zéro.",
                    explanation: "Un tableur transforme « 01 » en nombre 1 ; le code du département ou le \
                                  mois de naissance ne correspondent alors plus à la nomenclature et le \
                                  numéro d'anonymat calculé change.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2, §6.4",
                },
                DateFormatRepairable {
                    code: "date-format-repairable",
                    severity: Severity::Error,
                    title: "Date au mauvais format",
                    template: "{variable} : la date « {value} » est écrite {form} au lieu du format \
                               {expected} attendu. Corrigez le format de date de l'export, ou relancez avec la \
                               réparation des dégâts de tableur (--repair), qui la réécrit « {fixed} ».",
                    explanation: "L'ONPE attend des dates au format AAAA-MM-JJ ; une date écrite à la \
                                  française par un tableur est illisible pour ses traitements et fausse les \
                                  calculs d'âge et de durée.",
                    variable: None,
                    onpe_section: Some("0009"),
                    spec: "§0.2, §2.5",
                },
                DatdecminFullDate {
                    code: "datdecmin-full-date",
                    severity: Severity::Warning,
                    title: "Date de décès écrite avec le jour",
                    template: "DATDECMIN vaut « {value} », une date complète (la forme du guide du \
                               20 septembre 2018) ; l'erratum du 4 décembre 2018 et le schéma de l'ONPE \
                               n'attendent que l'année et le mois (AAAA-MM). Corrigez l'export, ou relancez \
                               avec --repair, qui la réécrit « {fixed} ».",
                    explanation: "La date de décès du jeune ne se transmet qu'à l'année et au mois : la \
                                  version de 2018 du guide montrait encore le jour, que l'erratum a retiré ; \
                                  le jour en trop rend le fichier XML non conforme au schéma.",
                    variable: Some("DATDECMIN"),
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added; §4.3a erratum p. 54",
                },
                ValueRepaired {
                    code: "value-repaired",
                    severity: Severity::Info,
                    title: "Valeur réparée",
                    template: "{variable} : « {old} » a été réparé en « {new} » (réparation des dégâts \
                               de tableur demandée). \
                               Corrigez aussi l'export à la source pour les prochains envois.",
                    explanation: "L'option de réparation a corrigé un dégât de tableur sans ambiguïté ; le \
                                  rapport le signale pour que les données transmises restent traçables.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2",
                },
                IdentityColumnsAmbiguous {
                    code: "identity-columns-ambiguous",
                    severity: Severity::Error,
                    title: "Deux colonnes de nom de la mère",
                    template: "Le fichier a deux colonnes de nom de naissance de la mère (« {first} » et \
                               « {second} ») : la première est utilisée. Indiquez laquelle utiliser dans le \
                               fichier de correspondance des colonnes (ligne NOMMERE=…).",
                    explanation: "Le nom de naissance de la mère entre dans le calcul du numéro \
                                  d'anonymat ; prendre la mauvaise colonne donnerait un numéro différent \
                                  d'une année à l'autre pour le même enfant.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.1",
                },
                BlankRecordsSkipped {
                    code: "blank-records-skipped",
                    severity: Severity::Info,
                    title: "Lignes vides ignorées",
                    template: "{count} ligne(s) ne contenant que des séparateurs ou des espaces ont été \
                               ignorées (elles ne comptent pas comme enregistrements).",
                    explanation: "Les tableurs ajoutent souvent des lignes vides à la fin d'un export ; \
                                  elles ne décrivent aucun évènement et ne sont donc pas transmises.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                TitleLinesSkipped {
                    code: "title-lines-skipped",
                    severity: Severity::Info,
                    title: "Lignes de titre ignorées",
                    template: "Les {count} première(s) ligne(s) du fichier, avant la ligne d'en-tête \
                               (ligne {line}), ont été ignorées : un titre ou des lignes vides, comme \
                               en ajoutent les outils de restitution. Elles ne comptent pas comme \
                               enregistrements.",
                    explanation: "Un export fait avec un outil de restitution porte souvent un titre \
                                  au-dessus des colonnes ; l'outil retrouve la ligne d'en-tête (celle qui \
                                  nomme le plus de variables) pour ne pas prendre le titre pour l'en-tête. \
                                  Le fichier transmis à l'ONPE, lui, commence par l'en-tête.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Exports from reporting tools",
                },
                TrailingLinesSkipped {
                    code: "trailing-lines-skipped",
                    severity: Severity::Info,
                    title: "Lignes de total ignorées",
                    template: "{count} ligne(s) après les enregistrements (à partir de la ligne {line}), \
                               qui n'ont qu'une ou deux cellules remplies (un total ou un nombre de \
                               lignes), ont été ignorées : elles ne comptent pas comme enregistrements.",
                    explanation: "Les outils de restitution ajoutent parfois un total ou un nombre de \
                                  lignes sous les données ; ce n'est pas un évènement et il ne doit pas \
                                  être transmis ni compté.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Exports from reporting tools",
                },
                NumberInName {
                    code: "number-in-name",
                    severity: Severity::Error,
                    title: "Nombre dans une colonne de nom",
                    template: "La colonne {variable} contient un nombre (cellule numérique du classeur) \
                               au lieu d'un prénom ou d'un nom : vérifiez que la bonne colonne est \
                               associée à {variable} (correspondance des colonnes).",
                    explanation: "Le prénom et le nom de naissance de la mère servent à calculer le numéro \
                                  d'anonymat ; un nombre à leur place donne un numéro sans rapport avec le \
                                  jeune et casse le suivi de son parcours d'une année à l'autre.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Spreadsheet input",
                },
                NonIntegerNumber {
                    code: "non-integer-number",
                    severity: Severity::Warning,
                    title: "Nombre décimal dans une colonne de codes",
                    template: "{variable} : la cellule contient le nombre décimal « {value} » là où un \
                               code, un nombre entier, une année ou un mois est attendu ; vérifiez la \
                               formule ou la colonne dans le classeur.",
                    explanation: "Les modalités, les effectifs, les années et les mois sont des nombres \
                                  entiers ; un nombre à virgule vient presque toujours d'une formule ou d'une \
                                  colonne calculée, et sa valeur ne correspond à aucune modalité.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Spreadsheet input",
                },
                DateWithTime {
                    code: "date-with-time",
                    severity: Severity::Error,
                    title: "Date suivie d'une heure",
                    template: "{variable} : la valeur « {value} » est une date suivie d'une heure qui \
                               n'est pas minuit ; l'ONPE n'attend que la date ({expected}). Elle n'est \
                               pas réparée automatiquement : vérifiez la date dans le logiciel d'export \
                               et exportez la date seule.",
                    explanation: "Les exports de bases de données écrivent parfois les dates avec une \
                                  heure ; à minuit, c'est la date seule (l'option --repair l'enlève), mais \
                                  une autre heure peut signaler une date décalée par un fuseau horaire ou \
                                  un horodatage, que l'outil ne peut pas trancher.",
                    variable: None,
                    onpe_section: Some("0009"),
                    spec: "§0.2, §2.5; issue 15",
                },
                NoKnownColumn {
                    code: "no-known-column",
                    severity: Severity::Error,
                    title: "Aucune colonne reconnue",
                    template: "Aucune colonne de l'en-tête n'est une variable du décret 2016 : vérifiez que \
                               la première ligne contient bien les codes des variables (NUMDEP, TYPEV…) et \
                               que le séparateur est le point-virgule, ou fournissez un fichier de \
                               correspondance des colonnes.",
                    explanation: "Sans en-tête reconnu, aucune valeur ne peut être rattachée à une variable : \
                                  le fichier ne transmettrait rien d'exploitable à l'ONPE.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Problèmes de lecture",
                },
                MapEntryUnused {
                    code: "map-entry-unused",
                    severity: Severity::Warning,
                    title: "Correspondance de colonne inutilisée",
                    template: "La correspondance {code}={header} du fichier de correspondance des colonnes \
                               ne désigne aucune colonne de ce fichier : vérifiez l'orthographe de \
                               l'en-tête (les majuscules et les espaces autour ne comptent pas).",
                    explanation: "Une correspondance mal orthographiée laisse la variable sans colonne : \
                                  ses valeurs ne seraient ni contrôlées ni transmises, alors que \
                                  l'utilisateur croit les avoir rattachées.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md --map-file",
                },
                XmlTruncated {
                    code: "xml-truncated",
                    severity: Severity::Error,
                    title: "Fichier XML tronqué",
                    template: "Le fichier XML s'arrête avant la fin (ligne {line}) : le dernier élément n'est \
                               pas refermé. L'enregistrement incomplet est lu tel quel ; refaites l'export \
                               ou la copie du fichier.",
                    explanation: "Un fichier coupé en cours de route (copie interrompue, disque plein) a \
                                  perdu des enregistrements ; transmis ainsi, il donnerait à l'ONPE une \
                                  année incomplète.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlEntityUnknown {
                    code: "xml-entity-unknown",
                    severity: Severity::Warning,
                    title: "Entité XML non reconnue",
                    template: "La référence d'entité « &{entity}; » (première fois ligne {line}) n'est pas \
                               une entité XML prédéfinie : elle est laissée telle quelle dans la valeur. \
                               Écrivez le caractère directement dans l'export.",
                    explanation: "Seules les entités prédéfinies du XML sont lues ; les autres ne sont \
                                  jamais développées par sécurité, et la valeur qui les contient reste donc \
                                  telle qu'écrite.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlDuplicateElement {
                    code: "xml-duplicate-element",
                    severity: Severity::Error,
                    title: "Élément XML en double",
                    template: "L'élément <{element}> apparaît deux fois dans ce DONNEE : seule la première \
                               valeur est lue. Corrigez l'export pour n'écrire chaque variable qu'une fois.",
                    explanation: "Une variable renseignée deux fois dans un même évènement est ambiguë : \
                                  l'outil ne peut pas savoir quelle valeur transmettre.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
                XmlMalformed {
                    code: "xml-malformed",
                    severity: Severity::Error,
                    title: "XML mal formé",
                    template: "Ligne {line} : {detail}. La lecture continue au mieux ; vérifiez le logiciel \
                               qui a produit le fichier.",
                    explanation: "Un fichier XML mal formé serait refusé par les outils de l'ONPE ; l'outil \
                                  le lit quand même pour montrer les autres problèmes, mais il faut le \
                                  corriger avant l'envoi.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.4",
                },
            }
        }
    };
}
