//! Counts said in words, with the plural right (`1 doc`, `2 docs`, `0 items`).

/// `n` and the noun, plural unless `n` is one: `counted(1, "doc")` is `1 doc`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "doc"), "1 doc");
        assert_eq!(counted(0, "item"), "0 items");
        assert_eq!(counted(12, "mention"), "12 mentions");
    }
}
