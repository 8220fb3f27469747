//! "Did you mean" suggestions.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (Jaro-Winkler similarity of at least 0.8, or a small edit distance).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        let close = score >= 0.8 || strsim::levenshtein(word, c) <= 2.max(word.len() / 4);
        if close && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_near_words() {
        let keys = ["cidr", "region", "secondary_cidrs", "tenancy"];
        assert_eq!(closest("cdir", keys), Some("cidr"));
        assert_eq!(closest("regoin", keys), Some("region"));
        assert_eq!(closest("zzzzzzzz", keys), None);
    }
}
