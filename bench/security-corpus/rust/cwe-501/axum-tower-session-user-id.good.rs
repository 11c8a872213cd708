use axum::{extract::State, http::StatusCode, response::Redirect, Form};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

pub async fn login(State(pool): State<PgPool>, session: Session, Form(form): Form<LoginForm>) -> Result<Redirect, StatusCode> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
        .bind(&form.email)
        .fetch_optional(&pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let (user_id, hash) = row.ok_or(StatusCode::UNAUTHORIZED)?;
    if !bcrypt::verify(&form.password, &hash).unwrap_or(false) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    session.insert("user_id", user_id).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Redirect::to("/dashboard"))
}
