use axum::{extract::Query, http::{header, StatusCode}, response::IntoResponse};
use std::collections::HashMap;
use std::path::Path;

const EXPORT_ROOT: &str = "/var/lib/app/exports";

pub async fn download_export(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let name = params.get("name").ok_or(StatusCode::BAD_REQUEST)?;
    let root = Path::new(EXPORT_ROOT).canonicalize().map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let path = root.join(name).canonicalize().map_err(|_| StatusCode::NOT_FOUND)?;
    if !path.starts_with(&root) {
        return Err(StatusCode::FORBIDDEN);
    }
    let bytes = tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes))
}
