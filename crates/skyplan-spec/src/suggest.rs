//! "Did you mean" suggestions, bounded: a hostile stack (a 1 MB `type:`,
//! 20,000 dangling references against 20,000 names) must cost no more than
//! a moment, so long words get no suggestion, candidates far from the
//! word's length are skipped unseen, and [`Suggestions`] caps the work of a
//! whole run.

use std::collections::HashMap;

/// Words longer than this get no suggestion: no name, key or type is this
/// long, and a comparison costs the product of the two lengths.
pub const MAX_WORD: usize = 64;

/// How far a candidate's length may be from the word's to be a likely typo.
fn length_gap(word: usize) -> usize {
    3.max(word / 2)
}

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (Jaro-Winkler similarity of at least 0.8, or a small edit distance).
/// Ties go to the smaller candidate, so the answer does not depend on order.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let mut unlimited = usize::MAX;
    closest_within(word, candidates, &mut unlimited)
}

/// [`closest`], spending one unit of `budget` per candidate compared;
/// `None` once the budget is spent.
fn closest_within<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    budget: &mut usize,
) -> Option<&'c str> {
    if word.len() > MAX_WORD {
        return None;
    }
    let gap = length_gap(word.len());
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c.len().abs_diff(word.len()) > gap {
            continue;
        }
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let score = strsim::jaro_winkler(word, c);
        let close = score >= 0.8 || strsim::levenshtein(word, c) <= 2.max(word.len() / 4);
        if close && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Suggestions for a whole run: each answer is remembered (the same typo on
/// 20,000 resources is compared once), and the comparisons of all lookups
/// together are capped. Past the cap findings keep their message, only
/// without a "did you mean"; the cap is reached in the same place on every
/// run, so output stays deterministic.
#[derive(Debug)]
pub struct Suggestions {
    budget: usize,
    seen: HashMap<(u8, String), Option<String>>,
}

impl Default for Suggestions {
    fn default() -> Self {
        Suggestions::new(Suggestions::BUDGET)
    }
}

impl Suggestions {
    /// Comparisons of words of at most [`MAX_WORD`] characters: a fraction
    /// of a second.
    pub const BUDGET: usize = 1_000_000;

    pub fn new(budget: usize) -> Self {
        Suggestions {
            budget,
            seen: HashMap::new(),
        }
    }

    /// The closest of `candidates` to `word`. `family` names the candidate
    /// list (a kind, "instance types"...) for the memo.
    pub fn closest<'c>(
        &mut self,
        family: u8,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        if word.len() > MAX_WORD {
            return None;
        }
        let key = (family, word.to_string());
        if let Some(answer) = self.seen.get(&key) {
            return answer.clone();
        }
        let answer = closest_within(word, candidates, &mut self.budget).map(str::to_string);
        self.seen.insert(key, answer.clone());
        answer
    }

    /// How much of the budget is left.
    pub fn remaining(&self) -> usize {
        self.budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_words() {
        let keys = ["cidr", "region", "secondary_cidrs", "tenancy"];
        assert_eq!(closest("cdir", keys), Some("cidr"));
        assert_eq!(closest("regoin", keys), Some("region"));
        assert_eq!(closest("zzzzzzzz", keys), None);
    }

    #[test]
    fn long_words_cost_nothing() {
        let huge = "t".repeat(1_000_000);
        let mut s = Suggestions::new(10);
        assert_eq!(s.closest(0, &huge, ["t3.micro"]), None);
        assert_eq!(s.remaining(), 10);
    }

    #[test]
    fn the_work_of_a_run_is_capped_and_repeats_are_free() {
        let names: Vec<String> = (0..20_000).map(|i| format!("subnet-{i:05}")).collect();
        let mut s = Suggestions::new(50_000);
        let mut answered = 0;
        for i in 0..20_000 {
            let typo = format!("subnet-{i:05}x");
            if s.closest(1, &typo, names.iter().map(String::as_str))
                .is_some()
            {
                answered += 1;
            }
        }
        assert_eq!(s.remaining(), 0, "the budget bounds the work");
        assert!(answered >= 2, "the first lookups are still answered");
        // The same typo again is remembered, not recomputed.
        let before = s.remaining();
        s.closest(1, "subnet-00000x", names.iter().map(String::as_str));
        assert_eq!(s.remaining(), before);
    }
}
