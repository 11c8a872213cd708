use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct ClientSecretUpdate {
    client_id: String,
    client_secret: String,
}

pub trait ClientStore: Send + Sync {
    fn set_secret_hash(&self, client_id: &str, hash: &str) -> bool;
}

pub async fn rotate_secret(State(store): State<Arc<dyn ClientStore>>, Json(body): Json<ClientSecretUpdate>) -> StatusCode {
    let hash = sha1_smol::Sha1::from(body.client_secret.as_bytes()).hexdigest();
    if store.set_secret_hash(&body.client_id, &hash) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}
