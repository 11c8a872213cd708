use sha1::{Digest, Sha1};

pub struct StoredCredential {
    pub salt: String,
    pub hash_hex: String,
}

pub fn verify_password(stored: &StoredCredential, candidate: &str) -> bool {
    let mut hasher = Sha1::new();
    hasher.update(stored.salt.as_bytes());
    hasher.update(candidate.as_bytes());
    let computed = hex::encode(hasher.finalize());
    computed == stored.hash_hex
}
