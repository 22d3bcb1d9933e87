//! Catalogue part of pseudonymisation (`src/pseudo/`): identity resolution in `pseudonymise`
//! and identifier checks in `rehash` (docs/spec/OLINPE.md §0.1, §3).

/// The pseudo part of the catalogue: appends its section to the ones it is given and hands
/// them to the next macro of the chain (see the parent module).
macro_rules! pseudo_part {
    ($next:ident $(, $rest:ident)*; $($parts:tt)*) => {
        $next! { $($rest),*; $($parts)*
            /// Pseudonymisation: identity resolution in `pseudonymise` and identifier checks in
            /// `rehash` (`src/pseudo/`, `src/engine`).
            Pseudo {
                IdentitySubstitutedNumdo {
                    code: "identity-substituted-numdo",
                    severity: Severity::Warning,
                    title: "Identité complétée par le numéro de dossier",
                    template: "Ici, {donnee} est vide (ou sans aucune lettre A à Z) : le numéro de dossier (NUMDO) le remplace dans le \
                               calcul de NUMANONYM. Renseignez {donnee} dans le logiciel métier, sinon \
                               l'identifiant de ce jeune changera quand la donnée sera saisie.",
                    explanation: "L'identifiant anonyme se calcule à partir du prénom, du nom de naissance \
                                  de la mère et du mois et de l'année de naissance. Quand l'une de ces \
                                  données manque, le numéro de dossier la remplace, comme le fait l'ONPE : \
                                  le jeune reçoit un identifiant, mais ce ne sera plus le même quand la \
                                  donnée sera complétée, et son parcours sera coupé en deux.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.1 Missing first name / mother's name / birth date; §3.3",
                },
                IdentityMissing {
                    code: "identity-missing",
                    severity: Severity::Error,
                    title: "Identité incomplète : pas d'identifiant",
                    template: "Impossible de calculer NUMANONYM : {donnees} vide(s) et aucun numéro de \
                               dossier (NUMDO) pour le(s) remplacer. La ligne n'est pas transmise ; \
                               complétez l'identité dans le logiciel métier.",
                    explanation: "Sans prénom, nom de naissance de la mère ou date de naissance, et sans \
                                  numéro de dossier pour les remplacer, aucun identifiant fiable ne peut \
                                  être calculé : hacher du vide donnerait le même identifiant à des enfants \
                                  différents et mélangerait leurs parcours. La ligne est donc écartée.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.1 Missing first name / mother's name / birth date",
                },
                IdentityPlaceholder {
                    code: "identity-placeholder",
                    severity: Severity::Warning,
                    title: "Valeur de remplissage dans l'identité",
                    template: "La colonne {colonne} contient une valeur de remplissage (INCONNU, NC, X, \
                               NEANT…) : elle est utilisée telle quelle pour calculer NUMANONYM. Saisissez \
                               la vraie valeur dans le logiciel métier si elle est connue.",
                    explanation: "Une valeur comme « INCONNU » ou « X » est la même pour beaucoup d'enfants : \
                                  des jeunes différents peuvent alors recevoir le même identifiant anonyme et \
                                  leurs parcours seraient confondus dans les statistiques de l'observatoire.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.1 Missing first name / mother's name / birth date (placeholders)",
                },
                MotherNameUsage {
                    code: "mother-name-usage",
                    severity: Severity::Warning,
                    title: "Nom d'usage de la mère utilisé",
                    template: "Le nom de naissance de la mère ({variable}) est vide : son nom d'usage \
                               (NOMUSAGE) le remplace dans le calcul de NUMANONYM. Saisissez le nom de \
                               naissance dans le logiciel métier.",
                    explanation: "Le décret prévoit le nom de naissance de la mère, qui ne change pas ; le \
                                  nom d'usage peut changer (mariage, divorce). Si le nom de naissance est \
                                  saisi plus tard, l'identifiant du jeune changera et le suivi de son \
                                  parcours d'une année sur l'autre sera rompu.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.1 Mother's name columns",
                },
                MotherBirthNameAbsent {
                    code: "mother-birth-name-absent",
                    severity: Severity::Warning,
                    title: "Pas de colonne du nom de naissance de la mère",
                    template: "Le fichier n'a pas de colonne du nom de naissance de la mère (NOMMEREJEUNE, \
                               NOMMERE ou NOM_MERE) : le nom d'usage (NOMUSAGE) le remplace pour tous les \
                               identifiants. Ajoutez le nom de naissance à l'extraction si le logiciel le \
                               connaît.",
                    explanation: "Le décret calcule l'identifiant avec le nom de naissance de la mère, qui ne \
                                  change pas. Un fichier qui n'a que le nom d'usage est accepté, comme le fait \
                                  le code de l'ONPE, mais tous les identifiants changeront le jour où le nom \
                                  de naissance sera exporté, et les parcours seront coupés d'une année sur \
                                  l'autre.",
                    variable: Some("NOMUSAGE"),
                    onpe_section: None,
                    spec: "§0.1 Identity column absent from the file; Mother's name columns",
                },
                IdentifiersToCompute {
                    code: "identifiers-to-compute",
                    severity: Severity::Info,
                    title: "Identifiants à calculer",
                    template: "Fichier nominatif : NUMANONYM et NUMANONYMANT ne sont pas encore remplis ; \
                               ils seront calculés à partir de l'identité lors de la préparation de la \
                               transmission. Ils ne sont donc pas signalés ici comme absents ou vides.",
                    explanation: "Un fichier nominatif (prénom, nom de la mère, date de naissance) se \
                                  vérifie avant la pseudonymisation ; ses identifiants anonymes n'existent pas \
                                  encore, ce qui est normal à cette étape. Ils seront calculés par la \
                                  préparation de la transmission, qui contrôle à nouveau le fichier produit.",
                    variable: Some("NUMANONYM"),
                    onpe_section: None,
                    spec: "§0.4 (in check, a nominative file)",
                },
                NumanonymantSetEqual {
                    code: "numanonymant-set-equal",
                    severity: Severity::Info,
                    title: "NUMANONYMANT égal à NUMANONYM",
                    template: "NUMANONYMANT était vide : il prend la valeur de NUMANONYM, comme le prévoit \
                               le guide pour un premier envoi. Conservez l'identifiant transmis pour le \
                               renseigner lors des envois suivants.",
                    explanation: "NUMANONYMANT rappelle l'identifiant envoyé l'année précédente pour relier \
                                  les parcours quand une correction de nom change l'identifiant. Au premier \
                                  envoi, il n'existe pas encore : le guide demande alors de recopier \
                                  NUMANONYM.",
                    variable: Some("NUMANONYMANT"),
                    onpe_section: None,
                    spec: "§0.1 NUMANONYMANT; §3.2 point 6",
                },
                RehashIdentifierInvalid {
                    code: "rehash-identifier-invalid",
                    severity: Severity::Error,
                    title: "Identifiant reçu mal formé",
                    template: "Cet identifiant ne compte pas 40 caractères hexadécimaux : il est rehaché tel \
                               quel, mais il ne pourra pas être relié aux autres envois. Demandez au \
                               département d'en vérifier le calcul.",
                    explanation: "L'observatoire rehache les identifiants reçus avec sa propre clé. Un \
                                  identifiant mal formé vient d'une erreur de calcul ou de transmission dans \
                                  le département : rehaché tel quel, il ne correspondra à aucun autre envoi \
                                  et le parcours de l'enfant sera coupé.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md rehash; §0.2 Severity",
                },
            }
        }
    };
}
