//! Deterministic AWS-style ids, lineages and spec digests.

use sha2::{Digest, Sha256};
use skyplan_spec::Address;

/// Lower-case hex, two digits a byte (one allocation: this runs for every
/// resource an apply creates).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    hex(&h.finalize())
}

/// `prefix-` + 17 hex digits, from the lineage, the address and the id of
/// the object it replaces (so a replacement gets a new id, and a re-run of
/// an interrupted apply gets the same one).
/// The prefix is the kind table's.
pub fn resource_id(lineage: &str, address: &Address, replaces: &str) -> String {
    let digest = object_digest(lineage, address, replaces);
    format!("{}-{}", address.kind.schema().id_prefix, &digest[..17])
}

/// 64 hex digits naming one object: from the lineage, the address and the
/// id of the object it replaces. ARNs, DNS names and the ids of an auto
/// scaling group's instances are cut from it.
pub fn object_digest(lineage: &str, address: &Address, replaces: &str) -> String {
    let text = address.to_string();
    sha256_hex(&[lineage.as_bytes(), text.as_bytes(), replaces.as_bytes()])
}

/// A new lineage (UUID-shaped) from a caller-supplied unique seed.
pub fn lineage(seed: &str) -> String {
    let d = sha256_hex(&[seed.as_bytes()]);
    format!(
        "{}-{}-{}-{}-{}",
        &d[..8],
        &d[8..12],
        &d[12..16],
        &d[16..20],
        &d[20..32]
    )
}

/// `sha256:` of a stack's files (name and text, in order).
pub fn spec_digest<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (name, text) in files {
        for part in [name.as_bytes(), text.as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    format!("sha256:{}", hex(&h.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_aws_and_are_deterministic() {
        let a = resource_id("l", &"vpc.main".parse().unwrap(), "");
        assert_eq!(a.len(), "vpc-".len() + 17);
        assert!(a.starts_with("vpc-"));
        assert_eq!(a, resource_id("l", &"vpc.main".parse().unwrap(), ""));
        assert_ne!(
            a,
            resource_id("l", &"vpc.main".parse().unwrap(), &a),
            "a replacement gets a new id"
        );
        assert!(resource_id("l", &"instance.web[0]".parse().unwrap(), "").starts_with("i-"));
        assert_eq!(lineage("x").len(), 36);
        assert!(spec_digest([("a.yaml", "x")]).starts_with("sha256:"));
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
