use axum::{http::StatusCode, Json};
use serde::Deserialize;
use tokio::process::Command;

#[derive(Deserialize)]
pub struct BackupRequest {
    database: String,
    label: String,
}

pub async fn create_backup(Json(req): Json<BackupRequest>) -> Result<String, StatusCode> {
    let file = format!("/backups/{}-{}.sql.gz", req.database, req.label);
    let script = format!("pg_dump {} | gzip > {}", req.database, file);
    let status = Command::new("bash").args(["-c", &script]).status().await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    if status.success() { Ok(file) } else { Err(StatusCode::BAD_GATEWAY) }
}
