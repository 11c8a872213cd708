use rand::RngCore;
use sha1::{Digest, Sha1};

pub struct StoredPassword {
    pub salt: String,
    pub hash: String,
}

pub fn hash_new_password(password: &str) -> StoredPassword {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt_hex = hex::encode(salt);
    let mut hasher = Sha1::new();
    hasher.update(salt_hex.as_bytes());
    hasher.update(password.as_bytes());
    StoredPassword {
        salt: salt_hex,
        hash: hex::encode(hasher.finalize()),
    }
}
