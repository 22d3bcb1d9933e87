//! Invented identities for nominative files: first names and mothers' birth names drawn from
//! small embedded lists of common French names, some with accents, hyphens, apostrophes or
//! spaces so that the pseudonymiser's normalisation is exercised. Combinations are random:
//! no entry describes a real person.

/// Girls' first names.
pub const GIRLS: &[&str] = &[
    "Emma",
    "Léa",
    "Chloé",
    "Manon",
    "Inès",
    "Jade",
    "Louise",
    "Zoé",
    "Lina",
    "Camille",
    "Sarah",
    "Maëlys",
    "Anaïs",
    "Océane",
    "Clémence",
    "Élise",
    "Héloïse",
    "Noémie",
    "Marie-Ève",
    "Anne-Sophie",
    "Lou-Ann",
    "Marie Anne",
    "Aïcha",
    "Fatoumata",
    "Yasmine",
    "Nour",
    "Éléonore",
    "Agathe",
    "Célia",
    "Maëva",
    "Romane",
    "Léna",
    "Juliette",
    "Margaux",
    "Salomé",
    "Capucine",
    "Ambre",
    "Lilou",
    "Mélissa",
    "Thaïs",
];

/// Boys' first names.
pub const BOYS: &[&str] = &[
    "Lucas",
    "Hugo",
    "Louis",
    "Théo",
    "Nathan",
    "Enzo",
    "Mathis",
    "Noah",
    "Léo",
    "Gabriel",
    "Jules",
    "Raphaël",
    "Adam",
    "Mohamed",
    "Yanis",
    "Kévin",
    "Loïc",
    "Maël",
    "Anthony",
    "Jean-Baptiste",
    "Pierre-Louis",
    "Jean Marc",
    "Bryan",
    "Dylan",
    "Clément",
    "Jérôme",
    "Benoît",
    "Noé",
    "Timothée",
    "Ethan",
    "Sacha",
    "Aurélien",
    "Ilyès",
    "Mamadou",
    "Sékou",
    "Baptiste",
    "Maxence",
    "Évan",
    "Titouan",
    "Gaëtan",
];

/// Mothers' birth names.
pub const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Le Gall",
    "Le Goff",
    "L'Hermitte",
    "D'Almeida",
    "N'Diaye",
    "Ben Saïd",
    "De La Fontaine",
    "Saint-Martin",
    "Lemaître",
    "Benoît",
    "Gauthier",
    "Perrin",
    "Chevalier",
    "Faure",
    "Rolland",
    "Guérin",
    "Müller",
    "Lacroix-Ferrand",
    "Després",
    "Hébert",
    "Noël",
    "Boucher",
    "Caron",
    "Traoré",
    "Diallo",
    "Nguyen",
    "Da Silva",
    "Ferreira",
    "Kowalski",
    "O'Neill",
    "Collin",
    "Brunet",
    "Blanc",
    "Barbier",
    "Arnaud",
    "Giraud",
    "Rousseau",
    "Roy",
    "Picard",
    "Meunier",
];

/// Number of single names per birth month before double mother's names are used.
const SINGLE: u32 = 40 * 70;

/// The names of the `k`-th person born in month `bucket` (`year * 12 + month - 1`): first
/// name and mother's birth name, distinct for distinct `k` within a bucket (and distinct
/// after the pseudonymiser's normalisation, see the tests), scrambled so that neighbours do
/// not look alike. Beyond 40 × 70 × 71 people born in one month, names repeat.
pub fn identity(
    k: u32,
    bucket: i32,
    girl: bool,
) -> (&'static str, (&'static str, Option<&'static str>)) {
    let firsts = if girl { GIRLS } else { BOYS };
    debug_assert_eq!(firsts.len() * SURNAMES.len(), SINGLE as usize);
    // 1777 is prime to 2800, so `low` runs over every (first name, name) pair once.
    let offset = (bucket.rem_euclid(2800) as u32).wrapping_mul(613) % SINGLE;
    let low = ((k % SINGLE) as u64 * 1777 + offset as u64) % SINGLE as u64;
    let first = firsts[(low % 40) as usize];
    let name = SURNAMES[(low / 40) as usize];
    let high = (k / SINGLE) % (SURNAMES.len() as u32 + 1);
    let second = if high == 0 {
        None
    } else {
        Some(SURNAMES[(high - 1) as usize])
    };
    (first, (name, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_exercise_normalisation_cases() {
        let all: Vec<&str> = GIRLS.iter().chain(BOYS).chain(SURNAMES).copied().collect();
        assert!(all.iter().any(|n| n.contains('-')));
        assert!(all.iter().any(|n| n.contains('\'')));
        assert!(all.iter().any(|n| n.contains(' ')));
        assert!(all.iter().any(|n| !n.is_ascii()));
        // No separator or quote that would need CSV quoting.
        assert!(all.iter().all(|n| !n.contains([';', '"', '\n', '\r'])));
        assert_eq!(GIRLS.len(), 40);
        assert_eq!(BOYS.len(), 40);
        assert_eq!(SURNAMES.len(), 70);
    }

    /// Letters only, accents folded, uppercase: the pseudonymiser's normalisation for the
    /// characters these lists use.
    fn norm(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                other => other,
            })
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    }

    #[test]
    fn identities_are_distinct_within_a_birth_month_even_after_normalisation() {
        use std::collections::HashSet;
        // Every (first name, name) pair once per SINGLE consecutive people of a month…
        for (bucket, girl) in [(0, true), (24_217, false)] {
            let pairs: HashSet<_> = (0..SINGLE).map(|k| identity(k, bucket, girl)).collect();
            assert_eq!(pairs.len(), SINGLE as usize);
            let (_, (_, second)) = identity(SINGLE + 5, bucket, girl);
            assert!(second.is_some());
        }
        // …and names stay distinct after normalisation, double names included.
        for list in [GIRLS, BOYS] {
            let firsts: HashSet<String> = list.iter().map(|n| norm(n)).collect();
            assert_eq!(firsts.len(), list.len());
        }
        let boys: HashSet<String> = BOYS.iter().map(|n| norm(n)).collect();
        assert!(GIRLS.iter().all(|n| !boys.contains(&norm(n))));
        let mut names = HashSet::new();
        for a in SURNAMES {
            assert!(names.insert(norm(a)));
            for b in SURNAMES {
                assert!(names.insert(norm(a) + &norm(b)), "{a}-{b}");
            }
        }
    }
}
