//! Text primitives shared by the analysis: accent and case folding, tokens.

/// Lower-case, accent-free ASCII form used for every comparison (`État` → `etat`, `œ` → `oe`,
/// `’` → `'`).
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_ligatures() {
        assert_eq!(fold("État islamique"), "etat islamique");
        assert_eq!(fold("manœuvres"), "manoeuvres");
        assert_eq!(fold("l’OTAN"), "l'otan");
    }
}
