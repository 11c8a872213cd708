use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use sqlx::PgPool;

pub struct NewUser {
    pub email: String,
    pub password: String,
}

pub async fn create_user(pool: &PgPool, user: NewUser) -> Result<i64, sqlx::Error> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(user.password.as_bytes(), &salt)
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?
        .to_string();
    let id: (i64,) = sqlx::query_as("INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id")
        .bind(&user.email)
        .bind(hash)
        .fetch_one(pool)
        .await?;
    Ok(id.0)
}
