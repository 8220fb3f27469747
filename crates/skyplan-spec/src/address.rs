//! Resource addresses (`subnet.app-a`, `instance.web[2]`), typed: a kind,
//! a name and the copy index of a counted instance. Plans and states spell
//! them as strings; they are parsed once, where they are read.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ast::Kind;

/// One resource object: `kind.name` or `kind.name[index]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Address {
    pub kind: Kind,
    pub name: String,
    pub index: Option<u32>,
}

/// Why a string is not an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressError(pub String);

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an address (`kind.name` or `kind.name[index]`)",
            self.0.escape_debug()
        )
    }
}

impl std::error::Error for AddressError {}

/// The longest name an address carries (names are checked when specs load;
/// a state file may hold anything).
const MAX_NAME: usize = 64;

/// Whether `s` is a resource name as addresses spell them.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && s.len() <= MAX_NAME
}

impl Address {
    pub fn new(kind: Kind, name: impl Into<String>, index: Option<u32>) -> Address {
        Address {
            kind,
            name: name.into(),
            index,
        }
    }

    /// The address without its copy index (`instance.web` for `instance.web[2]`).
    pub fn without_index(&self) -> Address {
        Address::new(self.kind, self.name.clone(), None)
    }

    /// The bytes of the address as written, without allocating: the order
    /// of addresses is the order of these strings, as it always was.
    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let mut digits = [0u8; 12];
        let mut len = 0;
        if let Some(mut i) = self.index {
            let mut rev = [0u8; 10];
            let mut n = 0;
            loop {
                rev[n] = b'0' + (i % 10) as u8;
                n += 1;
                i /= 10;
                if i == 0 {
                    break;
                }
            }
            digits[0] = b'[';
            for k in 0..n {
                digits[1 + k] = rev[n - 1 - k];
            }
            digits[1 + n] = b']';
            len = n + 2;
        }
        self.kind
            .singular()
            .bytes()
            .chain(std::iter::once(b'.'))
            .chain(self.name.bytes())
            .chain((0..len).map(move |k| digits[k]))
    }
}

impl Ord for Address {
    fn cmp(&self, other: &Address) -> Ordering {
        self.bytes().cmp(other.bytes())
    }
}

impl PartialOrd for Address {
    fn partial_cmp(&self, other: &Address) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.kind.singular(), self.name)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        Ok(())
    }
}

impl FromStr for Address {
    type Err = AddressError;

    fn from_str(s: &str) -> Result<Address, AddressError> {
        let bad = || AddressError(s.chars().take(2 * MAX_NAME).collect());
        let (kind, rest) = s.split_once('.').ok_or_else(bad)?;
        let kind = Kind::from_singular(kind).ok_or_else(bad)?;
        let (name, index) = match rest.strip_suffix(']').and_then(|r| r.split_once('[')) {
            Some((name, digits)) => {
                // Canonical digits only: `web[02]` would be a second spelling.
                let canonical = !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'));
                let index = digits
                    .parse::<u32>()
                    .ok()
                    .filter(|_| canonical)
                    .ok_or_else(bad)?;
                (name, Some(index))
            }
            None => (rest, None),
        };
        if !is_name(name) {
            return Err(bad());
        }
        Ok(Address::new(kind, name, index))
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Address, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.singular())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Kind::from_singular(&text).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "unknown kind `{}`",
                text.chars()
                    .take(MAX_NAME)
                    .collect::<String>()
                    .escape_debug()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_round_trip_and_refuse_other_spellings() {
        for ok in [
            "vpc.main",
            "instance.web[0]",
            "instance.web[12]",
            "subnet.a-b_c",
        ] {
            assert_eq!(ok.parse::<Address>().unwrap().to_string(), ok);
        }
        for bad in [
            "",
            "vpc",
            "vpcs.main",
            "vpc.",
            "vpc.main (deposed x)",
            "instance.web[]",
            "instance.web[01]",
            "instance.web[-1]",
            "instance.web[4294967296]",
            "vpc.-main",
            "vpc.ma.in",
        ] {
            assert!(bad.parse::<Address>().is_err(), "{bad}");
        }
    }

    #[test]
    fn addresses_sort_as_their_strings() {
        let mut typed: Vec<Address> = [
            "instance.web[10]",
            "instance.web[2]",
            "instance.web-2",
            "instance.web",
            "instance.web_x",
            "elastic_ip.z",
            "vpc.a",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let mut strings: Vec<String> = typed.iter().map(ToString::to_string).collect();
        typed.sort();
        strings.sort();
        let typed: Vec<String> = typed.iter().map(ToString::to_string).collect();
        assert_eq!(typed, strings);
    }
}
