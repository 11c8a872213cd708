use sqlx::PgPool;

pub struct NewUser {
    pub email: String,
    pub password: String,
}

pub async fn create_user(pool: &PgPool, user: NewUser) -> Result<i64, sqlx::Error> {
    let digest = md5::compute(user.password.as_bytes());
    let hash = format!("{:x}", digest);
    let id: (i64,) = sqlx::query_as("INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id")
        .bind(&user.email)
        .bind(hash)
        .fetch_one(pool)
        .await?;
    Ok(id.0)
}
