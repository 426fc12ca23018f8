//! A synthetic news corpus, generated from a fixed seed, for benchmarks and robustness tests.
//! Articles look like the real thing (titles, headings, named people with roles, quotes in
//! several typographic forms, reported speech) so every analysis stage has work to do.

use fastrand::Rng;

const FIRST: &[&str] = &[
    "Marie", "Jean", "Ahmed", "Sofia", "Pierre", "Leila", "Thomas", "Nadia", "Karim", "Claire", "Olivier", "Yasmina",
    "John", "Sarah", "David", "Emily",
];
const LAST: &[&str] = &[
    "Martin",
    "Durand",
    "Benali",
    "Moreau",
    "Haddad",
    "Lefebvre",
    "Garcia",
    "Nguyen",
    "Roussel",
    "Fontaine",
    "Carter",
    "Walsh",
    "Okafor",
    "Lindqvist",
    "Petrov",
    "Tanaka",
];
const ROLES: &[&str] = &[
    "le ministre de l’Intérieur",
    "la porte-parole du gouvernement",
    "le général",
    "la présidente de la commission",
    "le directeur de l’agence",
    "la sénatrice",
    "le maire de Lyon",
    "l’ambassadeur",
];
const ORGS: &[&str] = &[
    "l’Organisation des Nations unies",
    "l’OTAN",
    "l’Union européenne",
    "le Fonds monétaire international",
    "Médecins sans frontières",
    "la Banque mondiale",
    "l’Agence France-Presse",
    "Reuters",
    "le Conseil de sécurité",
    "l’OMS",
];
const PLACES: &[&str] = &[
    "Paris",
    "Bruxelles",
    "Genève",
    "Kaboul",
    "Islamabad",
    "Moscou",
    "Washington",
    "Berlin",
    "Dakar",
    "Tunis",
    "Beyrouth",
    "Kiev",
];
const TOPICS: &[&str] = &[
    "la réforme des retraites",
    "les négociations sur le climat",
    "la sécurité alimentaire",
    "le budget de la défense",
    "la crise énergétique",
    "la coopération antiterroriste",
    "les élections régionales",
    "la politique migratoire",
];
const CUES: &[&str] = &[
    "a déclaré",
    "a affirmé",
    "a indiqué",
    "a souligné",
    "a ajouté",
    "a précisé",
    "a averti",
    "estime",
];
const FILLER: &[&str] = &[
    "Les discussions se sont poursuivies tard dans la soirée, sans qu’aucun accord ne soit annoncé.",
    "Plusieurs observateurs jugent la situation préoccupante et appellent à la prudence.",
    "Cette décision intervient après des mois de tensions entre les différentes parties.",
    "Le calendrier reste incertain et dépendra des prochaines réunions techniques.",
    "Les chiffres publiés mardi confirment une tendance observée depuis le début de l’année.",
    "Sur le terrain, les habitants disent attendre des mesures concrètes et rapides.",
    "Le texte doit encore être examiné en commission avant un vote prévu au printemps.",
    "Des associations ont dénoncé un manque de transparence dans la procédure.",
];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", pick(rng, FIRST), pick(rng, LAST))
}

fn quote(rng: &mut Rng, topic: &str) -> String {
    let body = format!(
        "Nous ne renoncerons pas sur {topic}, et nous le dirons à {}",
        pick(rng, PLACES)
    );
    match rng.u8(..3) {
        0 => format!("« {body} »"),
        1 => format!("“{body}”"),
        _ => format!("\"{body}\""),
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lor", "min", "tes", "var", "on", "bre", "zul", "di", "ran", "sol", "ve", "tur", "nak", "pel", "ri",
];

/// A made-up proper word; the index is skewed so some words are common and most are rare.
fn rare_word(rng: &mut Rng) -> String {
    let n = rng.u32(..2_000).pow(2) / 97;
    let mut word = String::new();
    let mut k = n as usize + 1;
    while k > 0 {
        word.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
    capitalize(&word)
}

fn paragraph(rng: &mut Rng, topic: &str) -> String {
    let name = person(rng);
    let mut p = match rng.u8(..4) {
        0 => format!(
            "À {}, {} {name} {} que {topic} restait une priorité pour {}.",
            pick(rng, PLACES),
            pick(rng, ROLES),
            pick(rng, CUES),
            pick(rng, ORGS)
        ),
        1 => format!(
            "{} {}, {name} {} : {}.",
            quote(rng, topic),
            pick(rng, CUES),
            pick(rng, ROLES),
            ""
        ),
        2 => format!(
            "Selon {}, {topic} pourrait coûter plusieurs milliards d’euros d’ici à 2030.",
            pick(rng, ORGS)
        ),
        _ => format!(
            "{name}, {} , a rencontré des représentants de {} à {} pour évoquer {topic}.",
            pick(rng, ROLES),
            pick(rng, ORGS),
            pick(rng, PLACES)
        ),
    };
    for _ in 0..rng.usize(3..7) {
        p.push(' ');
        p.push_str(pick(rng, FILLER));
    }
    // Every story has its own particulars: places, operations, figures.
    let (a, b) = (rare_word(rng), rare_word(rng));
    p.push_str(&format!(
        " L’opération {a} a touché le secteur de {b}, où {} personnes ont été recensées.",
        rng.u32(100..99_999)
    ));
    p
}

/// One article of about `target` bytes.
pub fn article(rng: &mut Rng, target: usize) -> String {
    let topic = pick(rng, TOPICS);
    let mut text = format!(
        "{} : {} sous pression à {}\n\n",
        capitalize(topic),
        pick(rng, ORGS),
        pick(rng, PLACES)
    );
    let mut n = 0;
    while text.len() < target {
        if n > 0 && n % 4 == 0 {
            text.push_str(&format!(
                "{} et {}\n\n",
                capitalize(pick(rng, TOPICS)),
                pick(rng, PLACES)
            ));
        }
        text.push_str(&paragraph(rng, topic));
        text.push_str("\n\n");
        n += 1;
    }
    text
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `count` articles of about 7.5 KB, named `00000.txt`…, the same for the same seed.
pub fn corpus(count: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::with_seed(seed);
    (0..count)
        .map(|i| (format!("{i:05}.txt"), article(&mut rng, 7_500)))
        .collect()
}

/// Writes `corpus(count, seed)` into a folder.
pub fn write_corpus(dir: &std::path::Path, count: usize, seed: u64) -> std::io::Result<usize> {
    let mut bytes = 0;
    for (name, text) in corpus(count, seed) {
        bytes += text.len();
        std::fs::write(dir.join(name), text)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_seed_same_corpus_and_about_the_right_size() {
        let a = super::corpus(20, 7);
        assert_eq!(a, super::corpus(20, 7));
        let mean = a.iter().map(|(_, t)| t.len()).sum::<usize>() / a.len();
        assert!((7_000..9_000).contains(&mean), "{mean}");
    }
}
