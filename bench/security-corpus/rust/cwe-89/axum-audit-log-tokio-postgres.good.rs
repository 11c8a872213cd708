use axum::{extract::{Json, State}, http::StatusCode};
use serde::Deserialize;
use std::sync::Arc;
use tokio_postgres::Client;

#[derive(Deserialize)]
pub struct AuditEntry {
    actor: String,
    action: String,
}

pub async fn record_audit(State(client): State<Arc<Client>>, Json(entry): Json<AuditEntry>) -> StatusCode {
    let result = client
        .execute("INSERT INTO audit_log (actor, action) VALUES ($1, $2)", &[&entry.actor, &entry.action])
        .await;
    match result {
        Ok(_) => StatusCode::CREATED,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
