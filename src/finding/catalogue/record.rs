//! Catalogue part of the record rules (`src/rules/record.rs`): problems of one record alone
//! (docs/spec/OLINPE.md §4.4, §5, §6.2, with the severities of §0.2).

/// The record part of the catalogue: appends its section to the ones it is given and hands
/// them to the next macro of the chain (see the parent module).
macro_rules! record_part {
    ($next:ident $(, $rest:ident)*; $($parts:tt)*) => {
        $next! { $($rest),*; $($parts)*
            /// Record rules: problems of one record alone (`src/rules/record.rs`).
            Record {
                InvalidCode {
                    code: "invalid-code",
                    severity: Severity::Error,
                    title: "Code hors liste",
                    template: "{variable} vaut « {valeur} », qui ne fait pas partie des codes du décret 2016 \
                               ({attendu}). Corrigez la valeur dans le logiciel métier ou dans la table de \
                               correspondance de l'extraction.",
                    explanation: "Chaque variable codée a une liste fermée de codes fixée par le décret : \
                                  l'ONPE ne peut pas compter une valeur qui n'y figure pas, elle serait \
                                  perdue pour les statistiques nationales.",
                    variable: None,
                    onpe_section: None,
                    spec: "§4.3, §9 point 2.1, §0.2 Severity",
                },
                InvalidFormat {
                    code: "invalid-format",
                    severity: Severity::Error,
                    title: "Format incorrect",
                    template: "{variable} est mal formée{valeur} : {attendu}. Corrigez-la à la source \
                               (logiciel métier ou requête d'extraction).",
                    explanation: "Les dates, années, mois, nombres et textes ont un format imposé par le \
                                  guide et le schéma de l'ONPE ; une valeur mal formée ou une date qui \
                                  n'existe pas ne peut pas être relue ni servir au calcul des durées.",
                    variable: None,
                    onpe_section: Some("0009"),
                    spec: "§2.5, §4.3, §0.2 Severity",
                },
                IdentifierInvalid {
                    code: "identifier-invalid",
                    severity: Severity::Error,
                    title: "Numéro d'anonymat mal formé",
                    template: "{variable} doit compter exactement 40 caractères hexadécimaux (0-9, a-f) ; \
                               {detail}. Vérifiez l'étape de pseudonymisation qui a produit ce numéro.",
                    explanation: "Le numéro d'anonymat est le seul lien entre les événements d'un même \
                                  jeune d'une année à l'autre ; s'il est tronqué ou altéré, le parcours du \
                                  jeune ne peut plus être reconstitué.",
                    variable: None,
                    onpe_section: None,
                    spec: "§4.3 (NUMANONYM, NUMANONYMANT), §9 point 2.1",
                },
                LegacyCode {
                    code: "legacy-code",
                    severity: Severity::Error,
                    title: "Code de l'ancien décret (2011)",
                    template: "{variable} vaut « {valeur} », un code du décret de 2011 qui n'existe plus \
                               en 2016 : {remplacement}. Mettez à jour la table de codes du logiciel \
                               métier.",
                    explanation: "Le décret de 2016 a supprimé ou regroupé certains codes de 2011 ; un \
                                  ancien code montre que le logiciel n'a pas été mis à jour et fausserait \
                                  les comparaisons entre départements.",
                    variable: None,
                    onpe_section: None,
                    spec: "§4.4 Legacy 2011 codes",
                },
                MandatoryMissing {
                    code: "mandatory-missing",
                    severity: Severity::Error,
                    title: "Variable obligatoire absente",
                    template: "{variable} est obligatoire {detail} et n'est pas renseignée. Renseignez-la \
                               (avec le code « ne sait pas » s'il existe et si la valeur est inconnue).",
                    absent_template: "{variable} est absente du fichier : cette variable est obligatoire \
                                      {detail}. Ajoutez-la à l'extraction du logiciel métier (colonne ou \
                                      élément XML) : la saisie n'est pas en cause.",
                    explanation: "Sans ces variables (département, numéro d'anonymat, type d'événement, \
                                  sexe, naissance, nature de la décision, motif de fin), l'événement ne \
                                  peut être ni rattaché à un jeune ni classé : la ligne est inutilisable.",
                    variable: None,
                    onpe_section: None,
                    spec: "§9 point 2.2, §0.2 Severity",
                },
                ImperativeDateMissing {
                    code: "imperative-date-missing",
                    severity: Severity::Error,
                    title: "Date impérative manquante",
                    template: "{variable} est une date impérative {detail}, mais elle {etat}. Saisissez la \
                               date réelle dans le logiciel métier.",
                    absent_template: "{variable} est absente du fichier : c'est une date impérative \
                                      {detail}. Ajoutez-la à l'extraction du logiciel métier (colonne ou \
                                      élément XML) : la saisie n'est pas en cause.",
                    explanation: "Les dates de décision, de début et de fin sont les seules qui permettent \
                                  de situer la mesure dans l'année et d'en mesurer la durée ; le guide les \
                                  déclare impératives, sans code « ne sait pas ».",
                    variable: None,
                    onpe_section: Some("0030"),
                    spec: "§2.5, §5.2 special cases, §0.2 Imperative dates",
                },
                ImperativeDatePartial {
                    code: "imperative-date-partial",
                    severity: Severity::Warning,
                    title: "Date impérative incomplète",
                    template: "{variable} vaut « {valeur} » : le jour ou le mois est inconnu (99) alors \
                               que cette date est impérative. Complétez-la si le dossier permet de la \
                               retrouver.",
                    explanation: "Une date de décision, de début ou de fin incomplète empêche de calculer \
                                  précisément les délais et les durées de prise en charge que l'ONPE \
                                  publie.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Imperative dates",
                },
                DateZero {
                    code: "date-zero",
                    severity: Severity::Warning,
                    title: "Date à zéro",
                    template: "{variable} vaut « {valeur} », une valeur technique (date nulle) qui compte \
                               comme non renseignée. Laissez le champ vide s'il ne s'applique pas, ou \
                               saisissez la date (9999-99-99 si elle est inconnue).",
                    explanation: "Une date remplie de zéros est en général produite par une base de données \
                                  quand la date est vide ; l'ONPE la traite comme absente, mieux vaut \
                                  l'envoyer vide ou avec le code « ne sait pas ».",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.5, §0.2 Severity",
                },
                DatfinWrongTypev {
                    code: "datfin-wrong-typev",
                    severity: Severity::Error,
                    title: "Date de fin sur un événement qui n'est pas une fin",
                    template: "DATFIN vaut « {valeur} » sur un événement de type {typev} ; la date de fin \
                               ne se renseigne que sur une ligne de fin (TYPEV = 3). Videz DATFIN ou \
                               corrigez le type d'événement.",
                    explanation: "Une date de fin sur une ligne de début ou de renouvellement laisse croire \
                                  que la mesure est terminée alors qu'elle est en cours ; la fin doit \
                                  faire l'objet de sa propre ligne.",
                    variable: Some("DATFIN"),
                    onpe_section: Some("0058"),
                    spec: "§5.1, §5.4 DATFIN only on TYPEV=3, §0.2 Severity",
                },
                CascadeMissing {
                    code: "cascade-missing",
                    severity: Severity::Error,
                    title: "Précision de la mesure manquante",
                    template: "{variable} doit être renseignée car {condition}, mais elle est vide. \
                               Renseignez-la (code « ne sait pas » si l'information est inconnue).",
                    absent_template: "{variable} est absente du fichier : elle doit être renseignée car \
                                      {condition}. Ajoutez-la à l'extraction du logiciel métier (colonne ou \
                                      élément XML), vide là où elle ne s'applique pas.",
                    explanation: "La nature de la décision et le lieu d'accueil ou le type d'intervention \
                                  qui en découlent décrivent la mesure elle-même ; sans eux la mesure ne \
                                  peut pas être classée dans les tableaux nationaux.",
                    variable: None,
                    onpe_section: Some("0038"),
                    spec: "§5.2, §0.2 Severity and More severities",
                },
                CascadeMissingMinor {
                    code: "cascade-missing-minor",
                    severity: Severity::Warning,
                    title: "Précision secondaire de la mesure manquante",
                    template: "{variable} devrait être renseignée car {condition}, mais elle est vide. \
                               Renseignez-la (code « ne sait pas » si l'information est inconnue).",
                    absent_template: "{variable} est absente du fichier : elle devrait être renseignée car \
                                      {condition}. Ajoutez-la à l'extraction du logiciel métier (colonne ou \
                                      élément XML), vide là où elle ne s'applique pas.",
                    explanation: "Le caractère modulable de l'accueil, l'existence d'un autre lieu ou le \
                                  libellé d'une « autre décision » précisent la mesure ; leur absence gêne \
                                  l'analyse sans empêcher de compter la mesure.",
                    variable: None,
                    onpe_section: Some("0046"),
                    spec: "§5.2, §0.2 More severities",
                },
                FilledOutsideCondition {
                    code: "filled-outside-condition",
                    severity: Severity::Warning,
                    title: "Variable renseignée hors de sa condition",
                    template: "{variable} est renseignée{valeur} alors qu'elle ne concerne que {condition}. \
                               Laissez-la vide dans ce cas (vide veut dire « non concerné »), ou corrigez \
                               la variable dont elle dépend.",
                    explanation: "Une variable conditionnelle ne doit être remplie que lorsque sa condition \
                                  est vraie : remplie à tort, même avec « ne sait pas », elle brouille la \
                                  différence entre « non concerné » et « inconnu ».",
                    variable: None,
                    onpe_section: Some("0013"),
                    spec: "§5.4, §6.2 non attendues, §0.2",
                },
                FilledWrongEvent {
                    code: "filled-wrong-event",
                    severity: Severity::Warning,
                    title: "Variable renseignée sur un type d'événement qui ne la prévoit pas",
                    template: "{variable} est renseignée sur un événement de type {typev}, qui ne la \
                               prévoit pas : {regle}. Laissez-la vide sur ce type de ligne.",
                    explanation: "Chaque type d'événement (début, renouvellement, fin) a son propre bloc de \
                                  variables ; une information remplie sur le mauvais type de ligne risque \
                                  d'être comptée deux fois ou à la mauvaise date.",
                    variable: None,
                    onpe_section: Some("0013"),
                    spec: "§5.1",
                },
                ReservedMinors {
                    code: "reserved-minors",
                    severity: Severity::Warning,
                    title: "Variable ou modalité réservée aux mineurs",
                    template: "{objet} ne concerne que les mineurs, or le jeune a {age} ans {date_ref}. \
                               {correction}, ou vérifiez l'année et le mois de naissance.",
                    explanation: "Certaines informations (parents, fratrie, autorité parentale, nature du \
                                  danger, mesures pour mineurs) n'ont pas de sens pour un jeune majeur ; \
                                  remplies pour lui, elles faussent les résultats sur les mineurs.",
                    variable: None,
                    onpe_section: Some("0011"),
                    spec: "§5.3, §6.2 réservées aux mineurs, §4.4 Reserved modalities",
                },
                ReservedAdults {
                    code: "reserved-adults",
                    severity: Severity::Warning,
                    title: "Variable ou modalité réservée aux jeunes majeurs",
                    template: "{objet} ne concerne que les jeunes majeurs (18 ans et plus), or le jeune a \
                               {age} ans {date_ref}. {correction}, ou vérifiez l'année et le mois de \
                               naissance.",
                    explanation: "Les mesures « jeune majeur » et la situation du majeur ne s'appliquent \
                                  qu'à partir de 18 ans ; renseignées pour un mineur, elles signalent en \
                                  général une erreur de nature de mesure ou de date de naissance.",
                    variable: None,
                    onpe_section: Some("0012"),
                    spec: "§5.3, §4.4 Reserved modalities, §6.1 0012",
                },
                ApplicableEmpty {
                    code: "applicable-empty",
                    severity: Severity::Warning,
                    title: "Variable attendue mais vide",
                    template: "{variable} concerne cet événement ({raison}) mais elle est vide. Si \
                               l'information est inconnue, codez-la {nsp} plutôt que de laisser vide.",
                    explanation: "Le guide distingue « vide » (non concerné) et « ne sait pas » (concerné \
                                  mais inconnu) : une variable qui s'applique et reste vide ne permet pas \
                                  de savoir lequel des deux est vrai.",
                    variable: None,
                    onpe_section: None,
                    spec: "§2.5, §0.2 More severities",
                },
                DateOrder {
                    code: "date-order",
                    severity: Severity::Warning,
                    title: "Dates dans un ordre inattendu",
                    template: "{variable} (« {valeur} ») est antérieure à {autre} (« {autre_valeur} »), \
                               alors qu'on attend {ordre}. Vérifiez ces deux dates dans le dossier.",
                    explanation: "Les étapes d'une prise en charge se suivent (information, évaluation, \
                                  décision, début, fin) ; des dates inversées faussent les délais calculés \
                                  par l'ONPE, même si une ordonnance peut parfois être antidatée.",
                    variable: None,
                    onpe_section: None,
                    spec: "§5.5 Date ordering",
                },
                BirthAfterEvent {
                    code: "birth-after-event",
                    severity: Severity::Error,
                    title: "Naissance postérieure à un événement",
                    template: "La naissance (ANAIS/MNAIS « {naissance} ») est postérieure de plus de neuf \
                               mois à {date_var} (« {date} »). Corrigez l'année ou le mois de naissance, ou \
                               la date de l'événement.",
                    explanation: "Une mesure peut précéder la naissance de quelques mois (aide à domicile \
                                  pour une femme enceinte, information préoccupante sur un enfant à naître), \
                                  jamais de plus de neuf : l'une des deux dates est fausse, et l'âge calculé \
                                  par l'ONPE le serait aussi.",
                    variable: Some("ANAIS"),
                    onpe_section: Some("0010"),
                    spec: "§5.5 Birth date before every event date, §0.2 More severities",
                },
                ParentBirthYear {
                    code: "parent-birth-year",
                    severity: Severity::Warning,
                    title: "Année de naissance d'un adulte peu vraisemblable",
                    template: "{variable} vaut « {annee} » alors que le jeune est né en « {anais} » : \
                               {probleme}. Vérifiez ces deux années.",
                    explanation: "Un parent ou un adulte du ménage né après le jeune, ou moins de dix ans \
                                  avant lui, trahit presque toujours une inversion ou une erreur de saisie \
                                  d'année.",
                    variable: None,
                    onpe_section: Some("0010"),
                    spec: "§5.5 Parents' birth years, §0.2 More severities",
                },
                AgeOver20 {
                    code: "age-over-20",
                    severity: Severity::Warning,
                    title: "Plus de 20 ans à la décision",
                    template: "Le jeune a {age} ans à la date de décision ({date_var} « {date} »), alors \
                               que le dispositif concerne les moins de 21 ans. Vérifiez l'année et le mois \
                               de naissance.",
                    explanation: "La protection de l'enfance s'arrête à 21 ans ; un âge supérieur à la \
                                  décision révèle le plus souvent une année de naissance erronée.",
                    variable: Some("ANAIS"),
                    onpe_section: Some("0010"),
                    spec: "§5.3 How ONPE computes age, §6.1 0010",
                },
                EventBeforeBirth {
                    code: "event-before-birth",
                    severity: Severity::Warning,
                    title: "Événement antérieur à la naissance",
                    template: "{date_var} (« {date} ») précède le mois de naissance (ANAIS/MNAIS \
                               « {naissance} ») de moins de neuf mois : c'est possible pour une aide à \
                               domicile à une femme enceinte ou une information préoccupante sur un enfant \
                               à naître. Vérifiez que la date et la naissance sont justes.",
                    explanation: "La loi prévoit une aide à domicile pour la femme enceinte (CASF L.222-2) et \
                                  une information préoccupante peut concerner un enfant à naître : un \
                                  événement des neuf mois qui précèdent la naissance n'est pas une erreur, \
                                  mais il mérite une vérification.",
                    variable: Some("ANAIS"),
                    onpe_section: None,
                    spec: "§0.2 More severities (events before birth)",
                },
                NspNotApplicable {
                    code: "nsp-not-applicable",
                    severity: Severity::Warning,
                    title: "« Ne sait pas » là où la variable ne s'applique pas",
                    template: "{variable} vaut « {valeur} » (ne sait pas) alors qu'elle ne s'applique pas \
                               ici : {raison}. Le guide demande de la laisser vide quand elle ne concerne \
                               pas la situation ; vérifiez le paramétrage de l'extraction, qui remplit \
                               sans doute ce code par défaut.",
                    explanation: "Le guide distingue « vide » (non concerné) et « ne sait pas » (concerné \
                                  mais inconnu) : un code « ne sait pas » mis par défaut là où la variable ne \
                                  s'applique pas fait croire à une information manquante ; ces lignes se \
                                  corrigent d'un coup dans la requête d'extraction.",
                    variable: None,
                    onpe_section: Some("0013"),
                    spec: "§2.5, §0.2 Severity (filled outside its condition)",
                },
                ReservedMinorsAtMajority {
                    code: "reserved-minors-at-majority",
                    severity: Severity::Warning,
                    title: "Variables des mineurs sur la fin d'une mesure à la majorité",
                    template: "La mesure prend fin à la majorité (MOTIFML = 15) et le jeune a {age} ans \
                               {date_ref}, mais cette ligne de fin renseigne des variables réservées aux \
                               mineurs : {variables}. Laissez-les vides sur la ligne de fin (NBCHGLIEU, le \
                               nombre de changements de lieu, reste à renseigner).",
                    explanation: "Une mesure de mineur qui s'achève à la majorité a sa ligne de fin datée \
                                  d'après les 18 ans : les variables réservées aux mineurs n'y ont plus lieu \
                                  d'être ; un seul avertissement les regroupe pour ne pas noyer le rapport.",
                    variable: None,
                    onpe_section: Some("0011"),
                    spec: "§0.2 Rules the guide does not support, removed (MOTIFML 15)",
                },
                NbfratZero {
                    code: "nbfrat-zero",
                    severity: Severity::Warning,
                    title: "Fratrie comptée sans le mineur",
                    template: "NBFRAT vaut « 0 » : le guide compte le mineur lui-même dans sa fratrie \
                               (« si le mineur n'a pas de frère et sœur, coder 1 »). Codez 1 pour un enfant \
                               sans frère ni sœur, et ajoutez 1 aux valeurs de l'extraction si elle compte \
                               les seuls frères et sœurs.",
                    explanation: "Le nombre de frères et sœurs du guide inclut le mineur : 0 est impossible \
                                  et laisse penser que toute la variable est décalée d'une unité, ce qui \
                                  fausserait la taille moyenne des fratries.",
                    variable: Some("NBFRAT"),
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added (NBFRAT)",
                },
                NatureTypeMismatch {
                    code: "nature-type-mismatch",
                    severity: Severity::Warning,
                    title: "Nature de la mesure et type d'intervention incompatibles",
                    template: "{variable} vaut « {valeur} » alors que {autre} vaut « {autre_valeur} » : \
                               {regle}. Corrigez l'une des deux variables.",
                    explanation: "L'AEMO avec hébergement se code NATDECASSED 16 avec TYPDECJUD 7 ou 8, et \
                                  l'hébergement périodique ou exceptionnel de l'aide à domicile TYPINTERDOM 4 \
                                  ou 5 avec NATPDECADM 10 ; les deux variables décrivent la même mesure et \
                                  doivent concorder.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added (AEMO and AED with accommodation)",
                },
                OtherNatureBlocksEmpty {
                    code: "other-nature-blocks-empty",
                    severity: Severity::Warning,
                    title: "« Autre décision » sans précision de sa forme",
                    template: "{variable} vaut « {valeur} » ({libelle}) mais aucun des deux blocs que le \
                               guide demande alors n'est renseigné : {blocs}. Renseignez l'un des deux selon \
                               la forme de la mesure.",
                    explanation: "Pour une « autre » décision, le guide demande de renseigner soit le bloc de \
                                  l'intervention à domicile ou en milieu ouvert, soit celui de l'accueil ou du \
                                  placement : sans l'un ni l'autre, on ne sait pas si l'enfant est hébergé.",
                    variable: None,
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added (natures 18 and 21)",
                },
                MenagejmExpected8 {
                    code: "menagejm-expected-8",
                    severity: Severity::Warning,
                    title: "Ménage du jeune majeur accueilli",
                    template: "MENAGEJM vaut « {valeur} » alors que le jeune majeur est en accueil \
                               provisoire (NATPDECADM = 21) : le guide demande alors la modalité « 8 = \
                               Autre situation ». Codez 8 (ou 9 si la situation est inconnue).",
                    explanation: "Un jeune majeur accueilli par l'aide sociale à l'enfance ne vit pas dans \
                                  un ménage ordinaire : le guide réserve pour lui la modalité « autre \
                                  situation », pour que les ménages des jeunes majeurs restent comparables.",
                    variable: Some("MENAGEJM"),
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added (MENAGEJM)",
                },
                PupilleTitap80 {
                    code: "pupille-titap-80",
                    severity: Severity::Warning,
                    title: "Pupille de l'État sans autorité parentale du préfet",
                    template: "TITAP vaut « {valeur} » alors que le jeune est pupille de l'État \
                               (NATPDECADM = 15) : l'autorité parentale d'un pupille est exercée par le \
                               préfet (TITAP = 80). Vérifiez l'une des deux variables.",
                    explanation: "La tutelle d'un pupille de l'État revient au préfet : un autre titulaire \
                                  de l'autorité parentale contredit la nature de la mesure et fausse le \
                                  décompte des pupilles.",
                    variable: Some("TITAP"),
                    onpe_section: None,
                    spec: "§0.2 Rules from the guide's text, added (pupille de l'État)",
                },
                YearBefore1920 {
                    code: "year-before-1920",
                    severity: Severity::Warning,
                    title: "Année antérieure à 1920",
                    template: "{variable} vaut « {valeur} », une année antérieure à 1920. Vérifiez la \
                               valeur : une date vide convertie par un logiciel donne souvent 1900.",
                    explanation: "Une année aussi ancienne est presque toujours un artefact de conversion \
                                  d'une date vide ; l'ONPE la signale comme une aberration.",
                    variable: None,
                    onpe_section: Some("0009"),
                    spec: "§2.5, §6.1 0009, §0.2 More severities",
                },
                Lieuplac20 {
                    code: "lieuplac-20",
                    severity: Severity::Warning,
                    title: "Lieu de placement « mesure décidée mais non mise en œuvre »",
                    template: "LIEUPLAC vaut « 20 » (mesure décidée mais non mise en œuvre) : ce code du \
                               schéma ne figure pas dans le guide de 2016. Indiquez le lieu réel si la \
                               mesure a commencé, sinon vérifiez que la ligne doit être transmise.",
                    explanation: "Le code 20 de LIEUPLAC existe dans le schéma XML mais pas dans le guide \
                                  ni dans le contrôle de présence de l'ONPE ; il vaut mieux s'assurer qu'il \
                                  décrit bien la situation.",
                    variable: Some("LIEUPLAC"),
                    onpe_section: None,
                    spec: "§4.4 LIEUPLAC 20, §0.2",
                },
                Natpdecadm19 {
                    code: "natpdecadm-19",
                    severity: Severity::Warning,
                    title: "Nature « accueil durable et bénévole chez un tiers »",
                    template: "NATPDECADM vaut « 19 » (accueil durable et bénévole chez un tiers) : le \
                               guide demande de ne jamais utiliser ce code, car c'est une modalité \
                               d'exécution. Codez la décision elle-même et le lieu en LIEUACC (5 = chez un \
                               particulier).",
                    explanation: "L'accueil chez un tiers bénévole est une façon d'exécuter un accueil, pas \
                                  une décision ; le guide le fait coder dans le lieu d'accueil pour que les \
                                  décisions restent comparables.",
                    variable: Some("NATPDECADM"),
                    onpe_section: None,
                    spec: "§4.3 NATPDECADM, §4.4 NATPDECADM 19, §0.2",
                },
                NumdepOutsideXsd {
                    code: "numdep-outside-xsd",
                    severity: Severity::Warning,
                    title: "Département absent du schéma de l'ONPE",
                    template: "NUMDEP vaut « {valeur} », un code prévu par l'annexe du guide mais absent du \
                               schéma XML de l'ONPE : le fichier XML produit ne sera pas valide au sens du \
                               schéma. Prévenez l'ONPE lors de l'envoi.",
                    explanation: "Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna et la Polynésie figurent \
                                  dans l'annexe du guide mais pas dans le schéma ; l'ONPE doit en être \
                                  averti pour accepter le fichier.",
                    variable: Some("NUMDEP"),
                    onpe_section: Some("0099"),
                    spec: "§4.4 NUMDEP, §0.2",
                },
            }
        }
    };
}
