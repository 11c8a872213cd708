use axum::{http::StatusCode, Json};
use serde::Deserialize;
use tokio::process::Command;

#[derive(Deserialize)]
pub struct BackupRequest {
    database: String,
}

pub async fn create_backup(Json(req): Json<BackupRequest>) -> Result<String, StatusCode> {
    let (db, file) = match req.database.as_str() {
        "orders" => ("orders", "/backups/orders.sql"),
        "users" => ("users", "/backups/users.sql"),
        _ => return Err(StatusCode::BAD_REQUEST),
    };
    let script = format!("pg_dump {} > {}", db, file);
    let status = Command::new("bash").args(["-c", &script]).status().await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    if status.success() { Ok(file.to_string()) } else { Err(StatusCode::BAD_GATEWAY) }
}
