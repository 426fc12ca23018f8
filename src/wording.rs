//! Counts said in words, with the plural right (`1 doc`, `2 docs`, `0 items`).

/// `n` and the noun, plural unless `n` is one: `counted(1, "doc")` is `1 doc`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `reported by 1 other article, contradicted by 2 articles`: a claim's cross-check counts in
/// words, the parts that are zero left out (empty when both are).
pub fn cross_checked(reports: usize, contradicts: usize) -> String {
    let reported = (reports > 0).then(|| format!("reported by {}", counted(reports, "other article")));
    let contradicted = (contradicts > 0).then(|| format!("contradicted by {}", counted(contradicts, "article")));
    reported.into_iter().chain(contradicted).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "doc"), "1 doc");
        assert_eq!(counted(0, "item"), "0 items");
        assert_eq!(counted(12, "mention"), "12 mentions");
        assert_eq!(
            super::cross_checked(1, 2),
            "reported by 1 other article, contradicted by 2 articles"
        );
        assert_eq!(super::cross_checked(0, 1), "contradicted by 1 article");
        assert_eq!(super::cross_checked(0, 0), "");
    }
}
