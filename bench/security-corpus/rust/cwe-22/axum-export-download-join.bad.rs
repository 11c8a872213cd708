use axum::{extract::Query, http::{header, StatusCode}, response::IntoResponse};
use std::collections::HashMap;
use std::path::PathBuf;

const EXPORT_ROOT: &str = "/var/lib/app/exports";

pub async fn download_export(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let name = match params.get("name") {
        Some(n) => n.clone(),
        None => return Err(StatusCode::BAD_REQUEST),
    };
    let path = PathBuf::from(EXPORT_ROOT).join(name);
    let bytes = tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes))
}
