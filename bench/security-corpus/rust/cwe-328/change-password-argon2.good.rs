use argon2::{
    password_hash::{rand_core::OsRng, PasswordHasher, SaltString},
    Argon2,
};

pub struct StoredPassword {
    pub phc: String,
}

pub fn hash_new_password(password: &str) -> Result<StoredPassword, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    let phc = Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string();
    Ok(StoredPassword { phc })
}

pub fn needs_rehash(stored: &StoredPassword) -> bool {
    !stored.phc.starts_with("$argon2id$")
}
