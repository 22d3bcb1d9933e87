//! Catalogue part of the continuity check (`src/continuity/`): what last year's file and this
//! year's say together (docs/spec/INTERFACES.md "Continuity JSON", docs/spec/OLINPE.md §0.2
//! "Segments and renewals"). A finding about a row of last year's file carries
//! `"file": "previous"` in the continuity JSON; the others are about this year's file, or
//! about the pair (`row: null`).

/// The continuity part of the catalogue: appends its section to the ones it is given and
/// hands them to the next macro of the chain (see the parent module).
macro_rules! continuity_part {
    ($next:ident $(, $rest:ident)*; $($parts:tt)*) => {
        $next! { $($rest),*; $($parts)*
            /// The continuity check between last year's file and this year's
            /// (`src/continuity/`, `olinpe continuity`).
            Continuity {
                ContinuityYearsNotConsecutive {
                    code: "continuity-years-not-consecutive",
                    severity: Severity::Error,
                    title: "Années qui ne se suivent pas",
                    template: "Les deux fichiers ne sont pas de deux années qui se suivent : année de \
                               référence {previous} pour le fichier de l'an dernier, {current} pour celui \
                               de cette année. Comparez le fichier transmis l'an dernier à celui de cette \
                               année ; si une année est mal déduite des dates, indiquez celle de cette \
                               année (--year, ou « Année de référence » dans la page).",
                    explanation: "La continuité se lit d'une année sur la suivante : les mesures ouvertes à \
                                  la fin de l'an dernier doivent se terminer ou se renouveler dans le fichier \
                                  de cette année. Entre deux années qui ne se suivent pas, ou dont l'année \
                                  n'est pas connue, aucune de ces comparaisons n'a de sens.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (verdict)",
                },
                ContinuityDepartementDiffers {
                    code: "continuity-departement-differs",
                    severity: Severity::Error,
                    title: "Départements différents",
                    template: "Les deux fichiers ne sont pas du même département : NUMDEP {previous} pour \
                               le fichier de l'an dernier, {current} pour celui de cette année. Comparez \
                               deux envois du même département.",
                    explanation: "Les parcours des enfants se suivent dans un même département : comparer \
                                  les fichiers de deux départements ne retrouverait aucun jeune et \
                                  signalerait à tort toutes les mesures comme interrompues.",
                    variable: Some("NUMDEP"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (verdict)",
                },
                ContinuityChainingLow {
                    code: "continuity-chaining-low",
                    severity: Severity::Warning,
                    title: "Peu de jeunes retrouvés d'une année sur l'autre",
                    template: "Seuls {found} des {total} jeunes de cette année ({rate}) se retrouvent dans \
                               le fichier de l'an dernier, par NUMANONYM ou par NUMANONYMANT. Une autre clé \
                               de hachage, une autre variante du calcul (jour de naissance, casse des \
                               lettres) ou un autre logiciel métier en est la cause habituelle : vérifiez \
                               le calcul des identifiants avant l'envoi.",
                    explanation: "Beaucoup d'enfants suivis une année le sont encore la suivante : quand \
                                  presque aucun identifiant de cette année ne se retrouve l'an dernier, ce \
                                  n'est pas la réalité qui a changé mais le calcul des identifiants, et \
                                  l'ONPE ne pourra relier aucun parcours.",
                    variable: Some("NUMANONYM"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (chaining); §0.4",
                },
                ContinuitySilent {
                    code: "continuity-silent",
                    severity: Severity::Info,
                    title: "Mesure sans suite cette année",
                    template: "La mesure ouverte le {datdeb} (cette ligne du fichier de l'an dernier) n'a \
                               ni ligne de fin ni renouvellement cette année : elle est censée se \
                               poursuivre. Si elle a pris fin ou a été renouvelée, la ligne manque dans \
                               l'extraction de cette année.",
                    explanation: "Une mesure peut durer plus d'un an sans nouvel évènement : c'est normal. \
                                  Mais une fin ou un renouvellement oublié dans l'extraction fait croire à \
                                  l'ONPE que la mesure continue, et allonge à tort la durée des prises en \
                                  charge publiée.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (open_measures); §0.2 Segments and renewals",
                },
                ContinuitySilentOverdue {
                    code: "continuity-silent-overdue",
                    severity: Severity::Warning,
                    title: "Mesure sans suite depuis plus de deux ans",
                    template: "La mesure ouverte le {datdeb} (cette ligne du fichier de l'an dernier) n'a \
                               ni ligne de fin ni renouvellement cette année, alors que sa dernière \
                               décision ({decision}) date de plus de deux ans avant la fin de {year} : \
                               aucune mesure ne dure aussi longtemps. Sa ligne de fin (TYPEV 3) manque \
                               probablement : saisissez-la ou vérifiez l'extraction.",
                    explanation: "Une décision de protection de l'enfance dure au plus deux ans avant d'être \
                                  renouvelée ou de prendre fin. Une mesure restée sans évènement au-delà a \
                                  presque toujours pris fin sans que sa ligne de fin soit transmise : le jeune \
                                  serait compté comme encore suivi.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (silent_overdue)",
                },
                ContinuityDecisionSilent {
                    code: "continuity-decision-silent",
                    severity: Severity::Warning,
                    title: "Décision de l'an dernier jamais commencée",
                    template: "La décision du {decision}, pas encore commencée dans le fichier de l'an \
                               dernier (cette ligne, DATDEB vide), n'a pas de ligne de début cette année \
                               (TYPEV 1 ou 2 avec le même DATDECPE). Si la mesure a commencé, sa ligne \
                               manque ; si elle n'a jamais été mise en œuvre, vérifiez la saisie.",
                    explanation: "Le guide fait transmettre une décision prise en fin d'année et commencée \
                                  l'année suivante deux fois : sa ligne de décision la première année, sa \
                                  ligne de début la suivante. Sans la seconde, l'ONPE ne sait pas si la mesure \
                                  a eu lieu.",
                    variable: Some("DATDEB"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (started); §0.2 Imperative dates",
                },
                ContinuityRenewedWithoutEnd {
                    code: "continuity-renewed-without-end",
                    severity: Severity::Warning,
                    title: "Renouvellement sans ligne de fin de la période renouvelée",
                    template: "Ce renouvellement (DATDEB {datdeb}) prolonge la mesure ouverte le {renewed} \
                               dans le fichier de l'an dernier, mais ce fichier n'a pas la ligne de fin \
                               (TYPEV 3, DATDEB {renewed}) de cette période. Le guide demande de terminer \
                               chaque période par une ligne de fin : ajoutez-la à l'extraction.",
                    explanation: "Chaque période d'une mesure se termine par une ligne de fin, même quand elle \
                                  est renouvelée. Sans elle, l'ONPE voit deux périodes ouvertes en même temps \
                                  pour le même jeune et ne peut pas calculer la durée de la première.",
                    variable: Some("TYPEV"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (renewed_without_end); §0.2 Segments and renewals",
                },
                ContinuityIdentityChange {
                    code: "continuity-identity-change",
                    severity: Severity::Warning,
                    title: "Naissance ou sexe différents de l'an dernier",
                    template: "Ce jeune, retrouvé dans le fichier de l'an dernier par son identifiant, y \
                               avait d'autres valeurs : {changes}. Corrigez la saisie de l'année fautive ; \
                               si deux enfants partagent l'identifiant, vérifiez leur identité.",
                    explanation: "L'identifiant anonyme est calculé à partir de la naissance : le même \
                                  identifiant avec une autre année, un autre mois de naissance ou un autre sexe \
                                  signale une erreur de saisie, ou deux enfants confondus, et fausse les âges \
                                  que l'ONPE calcule sur le parcours.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (identity_changes)",
                },
                ContinuityNumanonymantUnknown {
                    code: "continuity-numanonymant-unknown",
                    severity: Severity::Warning,
                    title: "NUMANONYMANT absent du fichier de l'an dernier",
                    template: "NUMANONYMANT diffère de NUMANONYM mais n'est pas un identifiant (NUMANONYM) \
                               du fichier de l'an dernier : le parcours de ce jeune ne peut pas être \
                               relié. NUMANONYMANT doit reprendre le NUMANONYM transmis l'an dernier, ou \
                               NUMANONYM lui-même quand le jeune n'était pas encore transmis.",
                    explanation: "NUMANONYMANT relie le nouvel identifiant d'un jeune (après une correction de \
                                  son nom, par exemple) à celui de l'envoi précédent. S'il ne correspond à \
                                  aucun identifiant de l'an dernier, le lien est perdu et le parcours coupé \
                                  en deux.",
                    variable: Some("NUMANONYMANT"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (numanonymant_unknown)",
                },
                ContinuityEndWithoutOpening {
                    code: "continuity-end-without-opening",
                    severity: Severity::Warning,
                    title: "Fin d'une mesure ouverte l'an dernier sans ligne d'ouverture",
                    template: "Cette fin clôt une mesure commencée le {datdeb}, l'an dernier, mais aucune \
                               ligne d'ouverture (TYPEV 1 ou 2 avec ce DATDEB) n'est dans le fichier de \
                               l'an dernier ni dans celui-ci : l'ouverture n'a pas été transmise, ou DATDEB \
                               diffère entre les deux lignes.",
                    explanation: "Une mesure commencée l'an dernier aurait dû être transmise l'an dernier par \
                                  sa ligne d'ouverture. Sans elle, l'ONPE reçoit la fin d'une mesure qu'il ne \
                                  connaît pas et ne peut pas en calculer la durée.",
                    variable: Some("DATDEB"),
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (ends_without_opening)",
                },
                ContinuityIndicatorMoved {
                    code: "continuity-indicator-moved",
                    severity: Severity::Warning,
                    title: "Indicateur très différent de l'an dernier",
                    template: "{label} : {previous} l'an dernier, {current} cette année ({change}). {why}",
                    explanation: "L'ONPE compare les années entre elles : un écart aussi fort sera lu comme \
                                  une évolution de la protection de l'enfance dans le département. Il vient \
                                  plus souvent d'une extraction qui a changé (une catégorie de mesures \
                                  oubliée, une variable qui n'est plus exportée) : vérifiez-le avant l'envoi.",
                    variable: None,
                    onpe_section: None,
                    spec: "docs/spec/INTERFACES.md Continuity JSON (indicators)",
                },
            }
        }
    };
}
