//! A tiny deterministic generator (SplitMix64). The seed fleet must be the
//! same for the same seed on every platform and every `rand` release, which
//! `rand`'s `StdRng` does not promise.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeededRng {
    state: u64,
}

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const LOWER_ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The generator of the `index`th item of a seeded collection: each item
    /// is drawn independently, so items can be generated in parallel.
    pub fn for_item(seed: u64, index: u64) -> Self {
        let mut mixer = Self::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low).max(0) as u64 + 1;
        low + self.below(span) as i64
    }

    /// True with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Draws `len` characters of `alphabet`, several from each 64-bit draw
    /// (seeding 100,000 devices in a debug build must stay well under a second).
    fn string_from(&mut self, alphabet: &[u8], len: usize) -> String {
        let base = alphabet.len() as u64;
        let per_draw = (64.0 / (base as f64).log2()).floor() as usize;
        let mut out = String::with_capacity(len);
        let mut bits = 0;
        let mut left = 0;
        for _ in 0..len {
            if left == 0 {
                bits = self.next_u64();
                left = per_draw;
            }
            out.push(alphabet[(bits % base) as usize] as char);
            bits /= base;
            left -= 1;
        }
        out
    }

    pub fn lower_alnum(&mut self, len: usize) -> String {
        self.string_from(LOWER_ALNUM, len)
    }

    pub fn mixed_alnum(&mut self, len: usize) -> String {
        self.string_from(MIXED_ALNUM, len)
    }

    pub fn upper_alnum(&mut self, len: usize) -> String {
        self.string_from(UPPER_ALNUM, len)
    }

    pub fn lower_alpha(&mut self, len: usize) -> String {
        self.string_from(LOWER_ALPHA, len)
    }

    pub fn hex(&mut self, len: usize) -> String {
        self.string_from(HEX, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_different_seed_differs() {
        let mut a = SeededRng::new(7);
        let mut b = SeededRng::new(7);
        let mut c = SeededRng::new(8);
        let first: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let third: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(first, second);
        assert_ne!(first, third);
    }

    #[test]
    fn generated_strings_use_their_alphabet() {
        let mut rng = SeededRng::new(1);
        let id = rng.mixed_alnum(24);
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        let lower = rng.lower_alnum(9);
        assert!(
            lower
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        );
    }
}
