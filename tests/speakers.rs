//! Speaker attribution and name detection, stage by stage, on sentences of the kinds that
//! went wrong on unseen news (appositions, channels, pronouns, common words).

use recoupe::analysis::actors_and_claims;
use recoupe::analysis::claims::{Claim, HowFound};
use recoupe::analysis::lexicon::Lexicon;
use recoupe::corpus::{Corpus, Document};

fn analyse(text: &str) -> (recoupe::analysis::actors::Actors, Vec<Claim>) {
    let corpus = Corpus {
        documents: vec![Document::from_text("a.txt", "a.txt", format!("Un titre\n\n{text}\n"))],
        ..Corpus::default()
    };
    actors_and_claims(&corpus, &Lexicon::embedded())
}

/// The claim whose text starts with `words`, and the canonical name of its speaker.
fn claim_starting(text: &str, words: &str) -> (Option<String>, Claim) {
    let (actors, claims) = analyse(text);
    let claim = claims
        .iter()
        .find(|c| c.text.starts_with(words))
        .unwrap_or_else(|| panic!("no claim starting {words:?} in {claims:#?}"))
        .clone();
    (claim.speaker.map(|s| actors.actors[s].name.clone()), claim)
}

/// The canonical speaker of the claim whose text starts with `words`.
fn speaker_of(text: &str, words: &str) -> (Option<String>, HowFound) {
    let (speaker, claim) = claim_starting(text, words);
    (speaker, claim.how_found)
}

#[test]
fn the_subject_an_apposition_describes_is_the_speaker() {
    let text = "L’ONG a publié un rapport. Nadim Houry, responsable de l’organisation et spécialiste de la Syrie, précise que la torture continue aujourd’hui dans les prisons.";
    assert_eq!(speaker_of(text, "la torture").0.as_deref(), Some("Nadim Houry"));
    let text = "Senior researcher Mu Li, of the University of Sydney’s school of public health, said the mothers are also deficient in iodine.";
    assert_eq!(speaker_of(text, "the mothers").0.as_deref(), Some("Mu Li"));
}

#[test]
fn a_city_or_an_outlet_after_a_preposition_is_never_the_speaker() {
    let text = "Arié Bensemhoun, président de la communauté juive de Toulouse, a déclaré à l’AFP que les juifs sont victimes d’un acharnement insupportable.";
    assert_eq!(speaker_of(text, "les juifs").0.as_deref(), Some("Arié Bensemhoun"));
}

#[test]
fn a_pronoun_opening_the_reported_clause_is_not_an_inverted_speaker() {
    let text = "Lydia Buchtmann for Food Standards Australia, says they are looking at mandatory guidelines by the end of the year.";
    let (actors, claims) = analyse(text);
    let claim = claims.first().expect("a claim");
    assert!(claim.text.starts_with("they are looking"), "{claim:?}");
    assert_eq!(
        claim.speaker.map(|s| actors.actors[s].name.as_str()),
        Some("Lydia Buchtmann")
    );
}

#[test]
fn a_pronoun_goes_to_the_subject_of_the_sentence_before() {
    let text = "“The drives were never returned,” said Kendrick Moxon. Mark Rathbun requested donations via a statement on his blog. He said Montalvo was facing the penitentiary for leaving the group.";
    let (speaker, how) = speaker_of(text, "Montalvo was facing");
    assert_eq!(speaker.as_deref(), Some("Mark Rathbun"));
    assert_eq!(how, HowFound::Pronoun);
}

#[test]
fn an_unnamed_government_stands_for_the_state_of_the_article() {
    let text = "La France veut réduire son déficit. Le gouvernement a annoncé que les impôts augmenteront l’an prochain pour les plus riches.";
    let (speaker, how) = speaker_of(text, "les impôts");
    assert_eq!(speaker.as_deref(), Some("France"));
    assert_eq!(how, HowFound::Role);
}

#[test]
fn two_cues_in_one_sentence_give_two_claims_with_their_own_speakers() {
    let text = "Mark Milley a déclaré que la frappe visait un membre du groupe et plusieurs sources ont déclaré que la frappe était nécessaire pour protéger les troupes.";
    let (actors, claims) = analyse(text);
    let necessary = claims
        .iter()
        .find(|c| c.text.contains("nécessaire"))
        .expect("second claim");
    assert_ne!(
        necessary.speaker.map(|s| actors.actors[s].name.as_str()),
        Some("Mark Milley"),
        "{claims:#?}"
    );
    assert!(
        necessary.text.starts_with("la frappe était nécessaire"),
        "{necessary:?}"
    );
}

#[test]
fn common_words_contractions_and_acronyms_of_things_are_not_actors() {
    let (actors, _) = analyse(
        "I’m not sure, said Paul Dewar. The Crown said the IQ of the children fell. Leaving the room, Dewar smiled.",
    );
    let names: Vec<&str> = actors.actors.iter().map(|a| a.name.as_str()).collect();
    for wrong in ["I’m", "Crown", "IQ", "Leaving"] {
        assert!(!names.contains(&wrong), "{wrong} in {names:?}");
    }
    assert!(names.contains(&"Paul Dewar"), "{names:?}");
    // Each article is read with its own language's lists.
    let (actors, _) = analyse("La TVA et le PIB augmentent cette année, selon les chiffres publiés par l’Insee.");
    let names: Vec<&str> = actors.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.contains(&"TVA") && !names.contains(&"PIB"), "{names:?}");
    assert!(names.contains(&"Insee"), "{names:?}");
}

#[test]
fn named_things_are_not_actors() {
    let (actors, _) = analyse(
        "Space Shuttle Atlantis landed at the Kennedy Space Center. Atlantis will stay there. Hurricane Sandy hit New York.",
    );
    let names: Vec<&str> = actors.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(
        !names.iter().any(|n| n.contains("Atlantis") || n.contains("Sandy")),
        "{names:?}"
    );
    assert!(names.contains(&"Kennedy Space Center"), "{names:?}");
}

/// Each actor's name with the surfaces merged into it.
fn names_and_aliases(text: &str) -> Vec<(String, Vec<String>)> {
    let (actors, _) = analyse(text);
    actors
        .actors
        .iter()
        .map(|a| (a.name.clone(), a.aliases.clone()))
        .collect()
}

#[test]
fn a_name_ends_where_an_affiliation_or_a_bare_article_begins() {
    let found = names_and_aliases(
        "Guests included Nick Rhodes of Duran Duran and the Museum of Flight. According to Mark Rathbun the Scientology property was returned.",
    );
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    for right in ["Nick Rhodes", "Duran Duran", "Museum of Flight", "Mark Rathbun"] {
        assert!(names.contains(&right), "{right} not in {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.contains(" of Duran") || n.contains(" the ")),
        "{names:?}"
    );
}

#[test]
fn what_a_title_is_about_is_no_person_and_an_acronym_before_a_title_is_an_actor() {
    let (actors, _) = analyse(
        "NASA Administrator Charles Bolden spoke. Professor Cres Eastman, Director of the National Iodine Nutrition Study, agreed.",
    );
    let kind = |name: &str| actors.actors.iter().find(|a| a.name == name).map(|a| a.kind);
    use recoupe::analysis::lexicon::ActorKind;
    assert_eq!(kind("Charles Bolden"), Some(ActorKind::Person));
    assert!(kind("NASA").is_some(), "{:?}", actors.actors);
    assert_ne!(kind("National Iodine Nutrition Study"), Some(ActorKind::Person));
    assert_eq!(kind("Cres Eastman"), Some(ActorKind::Person));
}

#[test]
fn a_short_form_joins_the_one_longer_name_it_opens_in_the_same_article() {
    let found = names_and_aliases(
        "Le groupe Samsung Electronics a perdu son procès, et Samsung va faire appel. Le parti Europe Écologie Les Verts (EELV) a réagi, et EELV a demandé un débat.",
    );
    let aliases_of = |name: &str| found.iter().find(|(n, _)| n == name).map(|(_, a)| a.clone());
    assert!(
        aliases_of("Samsung Electronics").is_some_and(|a| a.iter().any(|x| x == "Samsung")),
        "{found:?}"
    );
    // An organisation is named by its most frequent form; both forms are one actor.
    let eelv: Vec<_> = found
        .iter()
        .filter(|(n, a)| n == "EELV" || a.iter().any(|x| x == "EELV"))
        .collect();
    assert_eq!(eelv.len(), 1, "{found:?}");
    let (name, aliases) = eelv[0];
    let forms: Vec<&String> = std::iter::once(name).chain(aliases).collect();
    assert!(forms.iter().any(|x| *x == "Europe Écologie Les Verts"), "{found:?}");
    assert_eq!(forms.len(), 2, "{found:?}");
}

#[test]
fn a_gerund_reports_for_the_subject_of_the_main_clause() {
    let text = "Le ministre de l’Intérieur, Manuel Valls, apportait son soutien à A. Montebourg sur Europe 1, en affirmant que le nucléaire est une filière d’avenir.";
    assert_eq!(speaker_of(text, "le nucléaire").0.as_deref(), Some("Manuel Valls"));
}

#[test]
fn a_verb_with_its_pronoun_joined_is_a_cue_for_the_subject_of_the_paragraph_before() {
    let text = "Le maire de New York, Michael Bloomberg, appelle à voter pour Barack Obama.\n\n« Notre climat change et les dirigeants doivent agir vite » déclare-t-il dans une tribune.";
    let (speaker, how) = speaker_of(text, "Notre climat");
    assert_eq!(speaker.as_deref(), Some("Michael Bloomberg"));
    assert_eq!(how, HowFound::Pronoun);
}

#[test]
fn an_unnamed_member_speaks_for_the_organisation_described_before() {
    let text = "Selon la fédération des banques, Febelfin, le montant est plutôt de 700 000 euros. « Non, il ne faut pas être inquiet », a répondu la porte-parole de la fédération à une question de la RTBF.";
    assert_eq!(speaker_of(text, "le montant").0.as_deref(), Some("Febelfin"));
    assert_eq!(speaker_of(text, "Non, il ne faut").0.as_deref(), Some("Febelfin"));
}

#[test]
fn a_source_without_a_comma_ends_at_its_name_and_a_joined_predicate_keeps_its_subject() {
    let text = "Mark Rathbun left the church in 2004. According to Rathbun the Scientology property in question was returned by mail.";
    assert_eq!(
        speaker_of(text, "the Scientology property").0.as_deref(),
        Some("Mark Rathbun")
    );
    let text = "Plus tard, Claude Bartolone, président de l’Assemblée, a fait procéder au vote et a déclaré qu’il ne pourra plus y avoir de suspension.";
    assert_eq!(speaker_of(text, "il ne pourra").0.as_deref(), Some("Claude Bartolone"));
}

#[test]
fn a_quote_after_a_sentence_that_reported_nothing_goes_to_its_subject() {
    let text = "At the ceremony, NASA Administrator Charles Bolden said the shuttles would go to four museums. U.S. Senator John Cornyn, Republican from Texas, issued a statement regarding the choice. \"Like many Texans, I am disappointed with the decision of the agency.\"";
    let (speaker, how) = speaker_of(text, "Like many Texans");
    assert_eq!(speaker.as_deref(), Some("John Cornyn"));
    assert_eq!(how, HowFound::CarriedOver);
}

#[test]
fn the_second_of_two_joined_reports_has_its_own_subject() {
    let text = "Le général Mark Milley a déclaré qu’au moins une des personnes tuées était un facilitateur d’ISIS-K et plusieurs sources ont déclaré à la presse que la frappe était nécessaire.";
    let (_, claims) = analyse(text);
    let frappe = claims
        .iter()
        .find(|c| c.text.starts_with("la frappe"))
        .expect("a claim on the strike");
    assert_eq!(frappe.speaker_text, "plusieurs sources");
    assert_eq!(frappe.how_found, HowFound::Anonymous);
}

#[test]
fn opinion_holders_dialogue_cues_and_recent_past_open_claims() {
    let text = "La tête du réseau se trouve à l’est. Pour le procureur fédéral, plus de 3 millions d’euros auraient été volés dans les banques.";
    assert_eq!(speaker_of(text, "plus de 3 millions").1, HowFound::Anonymous);
    let text = "La France doit réduire son déficit. Le gouvernement vient d’annoncer qu’il devra trouver 7,2 milliards d’euros supplémentaires.";
    assert_eq!(speaker_of(text, "il devra trouver").0.as_deref(), Some("France"));
    // A word that only attributes quotations reports nothing without one.
    let (_, claims) =
        analyse("Les talibans ont lancé une vaste offensive contre les forces gouvernementales afghanes.");
    assert!(claims.is_empty(), "{claims:#?}");
}

/// The canonical speaker of the claim whose text starts with `words`, and the words naming it.
fn speaker_text_of(text: &str, words: &str) -> (Option<String>, String) {
    let (speaker, claim) = claim_starting(text, words);
    (speaker, claim.speaker_text.to_string())
}

#[test]
fn a_definite_organisation_noun_speaks_for_the_organisation_named_before() {
    let text = "L’ONG Amnesty International a publié mardi un rapport sur les prisons du pays. Jean Dupont, un détenu libéré, raconte que les cellules sont pleines. L’ONG dénonce que les gardiens frappent les détenus chaque nuit.";
    let (speaker, _) = speaker_text_of(text, "les gardiens");
    assert_eq!(speaker.as_deref(), Some("Amnesty International"));
}

#[test]
fn an_unnamed_institution_is_its_own_source_not_the_speaker_before() {
    let text = "Selon la société Orange, le réseau a été rétabli lundi. La gendarmerie nationale recommande aux automobilistes d’éviter la route nationale.";
    let (speaker, said) = speaker_text_of(text, "aux automobilistes");
    assert_ne!(speaker.as_deref(), Some("Orange"), "{said}");
    assert_eq!(said, "La gendarmerie nationale");
}

#[test]
fn a_present_tense_cue_and_a_group_noun_give_the_speaker() {
    let text = "Le parti Renaissance a perdu trois sièges dimanche. Un représentant du parti admet que la campagne a été mal menée.";
    let (speaker, said) = speaker_text_of(text, "la campagne");
    assert_eq!(speaker.as_deref(), Some("Renaissance"), "{said}");
    let text = "La réforme a été votée jeudi par les députés, la droite saluant un texte équilibré, tandis que la gauche dénonce une loi injuste pour les retraités.";
    let (_, said) = speaker_text_of(text, "une loi injuste");
    assert_eq!(said, "la gauche");
}

#[test]
fn an_acronym_in_brackets_is_the_same_actor_but_a_party_after_a_person_is_not() {
    let found = names_and_aliases(
        "Le CIO (International Olympic Committee) a rejeté le plan. Le CIO a protesté. Le député Marc Durand (UMP) a voté contre.",
    );
    let forms_of = |form: &str| -> Vec<String> {
        found
            .iter()
            .filter(|(n, a)| n == form || a.iter().any(|x| x == form))
            .flat_map(|(n, a)| std::iter::once(n.clone()).chain(a.iter().cloned()))
            .collect()
    };
    // A name translated: its initials in another order.
    let cio = forms_of("CIO");
    assert!(cio.iter().any(|f| f == "International Olympic Committee"), "{found:?}");
    assert!(!forms_of("Marc Durand").iter().any(|f| f == "UMP"), "{found:?}");
}

#[test]
fn an_institution_named_after_a_dotted_abbreviation_is_its_own_speaker() {
    let text = "Crops are failing. The U.S. Department of Agriculture notes that ozone damages wheat more than any other pollutant.";
    let (speaker, _) = speaker_text_of(text, "ozone damages");
    assert_eq!(speaker.as_deref(), Some("U.S. Department of Agriculture"));
}

#[test]
fn a_clause_after_the_verb_is_what_was_said_not_an_inverted_speaker() {
    let text = "Maria Lopez, a teacher from Springfield, said the school would reopen next week.";
    let (speaker, claim) = claim_starting(text, "the school would reopen");
    assert_eq!(speaker.as_deref(), Some("Maria Lopez"), "{claim:?}");
    let text = "Le ministre de la Santé, Paul Girard, a indiqué que l’hôpital serait fermé en mai.";
    let (speaker, claim) = claim_starting(text, "l’hôpital serait fermé");
    assert_eq!(speaker.as_deref(), Some("Paul Girard"), "{claim:?}");
}

#[test]
fn a_campus_or_a_city_after_an_institution_in_an_apposition_is_not_the_speaker() {
    let text = "Tomás Ortega, head of research at the University of New Mexico, Las Cruces, said, \"These figures are wrong and the model is not right for the data.\"";
    let (speaker, claim) = claim_starting(text, "These figures");
    assert_eq!(speaker.as_deref(), Some("Tomás Ortega"), "{claim:?}");
    // With no person before, the name after the institution is the one the title describes.
    let text = "Un des avocats du cabinet Lemoine, Claire Dubois, précise que le dossier est complet.";
    let (speaker, claim) = claim_starting(text, "le dossier");
    assert_eq!(speaker.as_deref(), Some("Claire Dubois"), "{claim:?}");
}

#[test]
fn a_cue_ending_the_sentence_reports_the_words_before_its_subject() {
    let text = "The river will flood the lower town by Friday, officials say.";
    let (_, claim) = claim_starting(text, "The river will flood");
    assert_eq!(claim.text, "The river will flood the lower town by Friday");
    assert_eq!(claim.speaker_text, "officials");
}

#[test]
fn a_participle_agreeing_with_its_object_is_still_a_cue() {
    // `demandée` for `demandé`: one agreement ending too many is still the participle.
    let text = "Hélène Morel a demandée au conseil municipal de voter le budget avant la fin du mois.";
    let (speaker, claim) = claim_starting(text, "au conseil municipal");
    assert_eq!(speaker.as_deref(), Some("Hélène Morel"), "{claim:?}");
}
