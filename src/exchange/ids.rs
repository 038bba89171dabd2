//! Stable identifiers for exported things: a name-based UUID (version 8, from SHA-256 of a
//! fixed Dateline namespace and the thing's own key), so a project exported twice carries the
//! same GUIDs and IRIs and other tools can merge the two.

use sha2::{Digest, Sha256};

/// Dateline's namespace for the identifiers it makes.
const NAMESPACE: &[u8] = b"dateline:exchange:1";

/// The UUID of `kind` number or name `key`: "8-4-4-4-12" lower-case hex.
pub fn uuid(kind: &str, key: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(NAMESPACE);
    hash.update([0]);
    hash.update(kind.as_bytes());
    hash.update([0]);
    hash.update(key.as_bytes());
    let digest = hash.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    // Version 8 (custom, name-based), RFC 9562 variant.
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `urn:uuid:` and the UUID.
pub fn urn(kind: &str, key: &str) -> String {
    format!("urn:uuid:{}", uuid(kind, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_distinct_and_well_formed() {
        let a = uuid("tag", "1");
        assert_eq!(a, uuid("tag", "1"));
        assert_ne!(a, uuid("tag", "2"));
        assert_ne!(a, uuid("note", "1"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'));
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
    }
}
