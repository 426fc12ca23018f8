//! Cross-checking claims across articles and languages, on short articles written for the
//! test (tests/fixtures/crosscheck): the same statement in French and English, quoted and
//! reported; opposed claims on cooperating with the Taliban; an unrelated article.

use recoupe::analysis::Analysis;
use recoupe::analysis::claims::Claim;
use recoupe::analysis::crosscheck::{CrossCheck, Relation};
use recoupe::analysis::lexicon::Lexicon;
use recoupe::analysis::related::RelatedIndex;
use recoupe::corpus::Corpus;

struct Fixture {
    corpus: Corpus,
    analysis: Analysis,
    claims: Vec<Claim>,
}

fn fixture() -> Fixture {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/crosscheck");
    let corpus = recoupe::corpus::load_paths(&[std::path::PathBuf::from(dir)]).expect("fixtures load");
    let analysis = Analysis::build(&corpus, &Lexicon::embedded());
    let claims = analysis.claims.clone();
    Fixture {
        corpus,
        analysis,
        claims,
    }
}

impl Fixture {
    fn index(&self) -> &RelatedIndex {
        &self.analysis.related
    }

    /// The claim of document `doc` (a file name prefix) whose words hold `words`.
    fn claim(&self, doc: &str, words: &str) -> usize {
        self.claims
            .iter()
            .position(|c| self.corpus.documents[c.doc].id.starts_with(doc) && c.text.contains(words))
            .unwrap_or_else(|| panic!("no claim {words:?} in {doc}"))
    }

    fn check(&self) -> &CrossCheck {
        self.index().crosscheck()
    }

    fn relation(&self, a: usize, b: usize) -> Option<Relation> {
        self.check().of(a).iter().find(|r| r.claim == b).map(|r| r.relation)
    }
}

#[test]
fn a_statement_reported_in_french_and_in_english_is_the_same_claim() {
    let f = fixture();
    let pairs = [
        (("a_fr", "paierait l'attaque"), ("b_en", "would pay for the attack")),
        (("a_fr", "Nous vous traquerons"), ("b_en", "We will hunt you down")),
        (
            ("c_fr", "coopération avec les talibans"),
            ("b_en", "cooperation with the Taliban"),
        ),
    ];
    for ((da, wa), (db, wb)) in pairs {
        let (a, b) = (f.claim(da, wa), f.claim(db, wb));
        for (x, y) in [(a, b), (b, a)] {
            let relation = f.relation(x, y);
            assert!(
                relation.is_some_and(Relation::is_report),
                "{wa:?} ↔ {wb:?}: {relation:?} in {:?}",
                f.check().of(x)
            );
        }
        let link = f.check().of(a).iter().find(|r| r.claim == b).expect("linked");
        assert!(
            link.reasons.iter().any(|r| r.starts_with("translated")),
            "{:?}",
            link.reasons
        );
        assert_eq!(f.check().counts(a, &f.claims).0, 1, "reported by one other article");
    }
}

#[test]
fn ruling_out_and_allowing_the_same_cooperation_contradict_each_other() {
    let f = fixture();
    let refusal = f.claim("a_fr", "ne coopéreraient pas");
    for (doc, words) in [("c_fr", "était possible"), ("b_en", "was possible")] {
        let allowed = f.claim(doc, words);
        assert_eq!(f.relation(refusal, allowed), Some(Relation::Contrast), "{words}");
        assert_eq!(f.relation(allowed, refusal), Some(Relation::Contrast), "{words}");
    }
    assert_eq!(f.check().counts(refusal, &f.claims), (0, 2));
}

#[test]
fn related_passages_carry_the_claims_relation_and_unrelated_ones_none() {
    let f = fixture();
    let passage_of = |claim: usize| (f.claims[claim].doc, f.claims[claim].passage);
    let (fr, en) = (f.claim("a_fr", "paierait"), f.claim("b_en", "would pay"));
    let top = f.index().related(passage_of(fr).0, passage_of(fr).1, 5);
    let link = top
        .iter()
        .find(|r| (r.doc, r.passage) == passage_of(en))
        .expect("the English report in the top 5");
    assert_eq!(link.relation, Relation::SameClaim);

    let harvest = f
        .corpus
        .documents
        .iter()
        .position(|d| d.id.starts_with("d_en"))
        .expect("harvest");
    for (d, p) in f.index().passages() {
        for r in f.index().related(d, p, 10) {
            if d == harvest || r.doc == harvest {
                assert!(
                    matches!(r.relation, Relation::Topic | Relation::SameEvent),
                    "the harvest article is not the same claim as, nor contradicts, anything: {r:?}"
                );
            }
        }
    }
    for (c, claim) in f.claims.iter().enumerate() {
        if claim.doc == harvest {
            assert!(f.check().of(c).is_empty(), "{:?}", f.check().of(c));
        }
    }
}

#[test]
fn the_markdown_export_says_who_else_reported_a_selected_claim_and_who_contradicts_it() {
    let f = fixture();
    let mut selection = recoupe::export::Selection::default();
    selection
        .claims
        .extend([f.claim("a_fr", "paierait"), f.claim("a_fr", "ne coopéreraient pas")]);
    let md = recoupe::export::markdown(&f.corpus, &f.analysis, &selection, &Default::default());
    let section = md.split("\n## Cross-check\n").nth(1).expect("a cross-check section");
    let section = section.split("\n## ").next().unwrap_or(section);
    assert!(
        section.contains(
            "- Also reported by **Joe Biden** in `b_en_airport.txt` ¶ 1 [en, same claim]: reported: ISIS-K would pay"
        ),
        "{section}"
    );
    assert!(
        section.contains("- Contradicted by **Mark Milley** in `c_fr_milley.txt` ¶ 1 [fr, contrast]"),
        "{section}"
    );
    assert!(
        section.contains("- Contradicted by **Mark Milley** in `b_en_airport.txt` ¶ 3 [en, contrast]"),
        "{section}"
    );
    assert!(!section.contains("d_en_harvest"), "{section}");
}
