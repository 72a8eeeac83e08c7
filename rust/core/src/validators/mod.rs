//! Validators: named checks that a candidate match must pass to be reported.
//!
//! Identifier data (`identifiers/*.toml`) refers to a validator by name; the engine looks
//! the name up here once, at compile time. A validator gets the matched bytes (the whole
//! match, separators included) and says whether they form a valid value. Each family
//! module exports a `VALIDATORS` table; the pure-Python reference engine has a twin of
//! every function under `python/macie_lite/_validators/`, with the same name.

pub mod checksum;

mod contact;
mod credentials;
mod europe;
mod financial;
mod health;
mod licenses;
mod world;

/// A validator: the matched bytes in, valid or not out.
pub type Validator = fn(&[u8]) -> bool;

const FAMILIES: &[&[(&str, Validator)]] = &[
    checksum::VALIDATORS,
    contact::VALIDATORS,
    credentials::VALIDATORS,
    europe::VALIDATORS,
    financial::VALIDATORS,
    health::VALIDATORS,
    licenses::VALIDATORS,
    world::VALIDATORS,
];

/// Finds a validator by the name the identifier data uses.
pub fn lookup(name: &str) -> Option<Validator> {
    FAMILIES.iter().flat_map(|family| family.iter()).find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Every registered validator name, for checks and listings.
pub fn names() -> impl Iterator<Item = &'static str> {
    FAMILIES.iter().flat_map(|family| family.iter()).map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut all: Vec<&str> = names().collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "two families register the same validator name");
    }

    #[test]
    fn lookup_finds_registered_names() {
        assert!(lookup("luhn").is_some());
        assert!(lookup("no-such-validator").is_none());
    }
}
