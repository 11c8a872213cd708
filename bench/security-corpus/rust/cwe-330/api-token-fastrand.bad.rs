use axum::{extract::State, http::StatusCode, Json};
use serde::Serialize;
use std::sync::Arc;

pub trait TokenStore: Send + Sync {
    fn insert(&self, user_id: i64, token: &str) -> bool;
}

#[derive(Serialize)]
pub struct IssuedToken {
    token: String,
}

pub async fn issue_token(State(store): State<Arc<dyn TokenStore>>) -> Result<Json<IssuedToken>, StatusCode> {
    let token: String = std::iter::repeat_with(fastrand::alphanumeric).take(40).collect();
    if !store.insert(42, &token) {
        return Err(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Ok(Json(IssuedToken { token }))
}
