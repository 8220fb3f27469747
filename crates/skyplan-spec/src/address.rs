//! Resource addresses (`subnet.app-a`, `instance.web[2]`,
//! `module.net.subnet.app-a`), typed: a kind, a name and the copy index of
//! a counted instance. Plans and states spell them as strings; they are
//! parsed once, where they are read.
//!
//! A resource of a module has a qualified name: the module path and its
//! own name joined by `.` (`net.app-a`, `net.inner.app-a`), which no
//! resource name can contain, so it never collides with one of the stack.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::kinds::Kind;

/// One resource object: `kind.name` or `kind.name[index]`, after
/// `module.NAME.` for each module it is inside.
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
            "`{}` is not an address (`kind.name`, `kind.name[index]`, `module.NAME.kind.name`)",
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

    /// The resource's own name, without the path of its module
    /// (`app-a` of `module.net.subnet.app-a`).
    pub fn own_name(&self) -> &str {
        self.name
            .rsplit_once('.')
            .map_or(&self.name, |(_, own)| own)
    }

    /// The address of the same resource as seen from outside module
    /// `namespace` (a qualified module path, `net` or `net.inner`).
    pub fn in_module(&self, namespace: &str) -> Address {
        Address::new(self.kind, qualified(namespace, &self.name), self.index)
    }
}

/// `name` inside module `namespace` (`net.app-a`); `name` itself at the top.
pub fn qualified(namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// Splits the leading `module.NAME.` parts off `text`: the module path
/// (`net.inner`, empty when there is none) and the rest. `None` when a
/// module's name is not a name.
pub fn split_module_path(text: &str) -> Option<(String, &str)> {
    let mut path = String::new();
    let mut rest = text;
    while let Some(after) = rest.strip_prefix("module.") {
        let (name, tail) = after.split_once('.')?;
        if !is_name(name) {
            return None;
        }
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
        rest = tail;
    }
    Some((path, rest))
}

/// Writes `kind.name` as an address: `module.NAME.` for each module of a
/// qualified name first.
fn write_address(f: &mut impl fmt::Write, kind: Kind, name: &str) -> fmt::Result {
    let (path, own) = match name.rsplit_once('.') {
        Some((path, own)) => (Some(path), own),
        None => (None, name),
    };
    for module in path.into_iter().flat_map(|p| p.split('.')) {
        write!(f, "module.{module}.")?;
    }
    write!(f, "{}.{own}", kind.singular())
}

/// The address text of `kind.name` (a qualified name for a module's resource).
pub fn address_text(kind: Kind, name: &str) -> String {
    let mut out = String::with_capacity(kind.singular().len() + name.len() + 1);
    if !name.contains('.') {
        out.push_str(kind.singular());
        out.push('.');
        out.push_str(name);
        return out;
    }
    // Writing to a String cannot fail.
    let _ = write_address(&mut out, kind, name);
    out
}

/// The decimal digits of `i`, most significant first, and how many.
fn digits(mut i: u32) -> ([u8; 10], usize) {
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
    let mut out = [0u8; 10];
    for k in 0..n {
        out[k] = rev[n - 1 - k];
    }
    (out, n)
}

/// How the `[index]` suffixes of two equal names compare as text: none
/// first; then the digits, where `]` (above every digit) ends the shorter.
fn index_order(a: Option<u32>, b: Option<u32>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            let ((dx, nx), (dy, ny)) = (digits(x), digits(y));
            let close = std::iter::once(b']');
            dx[..nx]
                .iter()
                .copied()
                .chain(close.clone())
                .cmp(dy[..ny].iter().copied().chain(close))
        }
    }
}

/// Addresses sort as their strings (`instance.web[10]` before
/// `instance.web[2]`), as state files always listed them, without
/// formatting either.
impl Ord for Address {
    fn cmp(&self, other: &Address) -> Ordering {
        if self.name.contains('.') || other.name.contains('.') {
            // A module's resource: rare, compared as the text it is.
            return self.to_string().cmp(&other.to_string());
        }
        if self.kind != other.kind {
            let dot = |k: Kind| k.singular().bytes().chain(std::iter::once(b'.'));
            return dot(self.kind).cmp(dot(other.kind));
        }
        let (a, b) = (self.name.as_bytes(), other.name.as_bytes());
        let common = a.len().min(b.len());
        match a[..common].cmp(&b[..common]) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        // One name is a prefix of the other (or they are equal): the
        // shorter one's next character is its `[` or the end.
        match a.len().cmp(&b.len()) {
            Ordering::Equal => index_order(self.index, other.index),
            Ordering::Less => match self.index {
                None => Ordering::Less,
                Some(_) => b'['.cmp(&b[common]),
            },
            Ordering::Greater => match other.index {
                None => Ordering::Greater,
                Some(_) => a[common].cmp(&b'['),
            },
        }
    }
}

impl PartialOrd for Address {
    fn partial_cmp(&self, other: &Address) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_address(f, self.kind, &self.name)?;
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
        let (path, s_own) = split_module_path(s).ok_or_else(bad)?;
        let (kind, rest) = s_own.split_once('.').ok_or_else(bad)?;
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
        Ok(Address::new(kind, qualified(&path, name), index))
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
            "module.net.subnet.app-a",
            "module.net.module.inner.instance.web[3]",
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
            "module.net",
            "module..vpc.main",
            "module.n-e.t.vpc.main.x",
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
            "instance.web[1]",
            "instance.web[100]",
            "instance.web[19]",
            "instance.we",
            "instance.we[3]",
            "instance.wez",
            "instance.Web",
            "elastic_ip.z",
            "vpc.a",
            "vpc_endpoint.a",
            "vpc_peering.a",
            "volume.a",
            "module.net.vpc.a",
            "module.net.instance.web[10]",
            "module.net.instance.web[2]",
            "module.a.module.b.vpc.a",
            "module.net-2.vpc.a",
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

    #[test]
    fn every_pair_compares_as_its_strings() {
        let kinds = [Kind::Vpc, Kind::VpcEndpoint, Kind::Instance];
        let mut all = Vec::new();
        for kind in kinds {
            for name in ["a", "a-", "a_", "aW", "a9", "a-b", "ab", "B", "9"] {
                for index in [
                    None,
                    Some(0),
                    Some(1),
                    Some(9),
                    Some(10),
                    Some(19),
                    Some(100),
                ] {
                    all.push(Address::new(kind, name, index));
                }
            }
        }
        for a in &all {
            for b in &all {
                assert_eq!(a.cmp(b), a.to_string().cmp(&b.to_string()), "{a} vs {b}");
            }
        }
    }
}
