use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Register {
    email: String,
    password: String,
}

pub async fn register(State(pool): State<PgPool>, Json(body): Json<Register>) -> StatusCode {
    if body.password.len() < 10 {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    let digest = match bcrypt::hash(&body.password, bcrypt::DEFAULT_COST) {
        Ok(h) => h,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR,
    };
    let result = sqlx::query("INSERT INTO users (email, password_hash) VALUES ($1, $2)")
        .bind(&body.email)
        .bind(&digest)
        .execute(&pool)
        .await;
    if result.is_ok() { StatusCode::CREATED } else { StatusCode::CONFLICT }
}
