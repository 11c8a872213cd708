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
    let statement = format!("INSERT INTO audit_log (actor, action) VALUES ('{}', '{}')", entry.actor, entry.action);
    let result = client.batch_execute(&statement).await;
    match result {
        Ok(_) => StatusCode::CREATED,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
