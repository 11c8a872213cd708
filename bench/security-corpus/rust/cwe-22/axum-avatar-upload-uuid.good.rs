use axum::{http::StatusCode, Json};
use base64::{engine::general_purpose::STANDARD, Engine};
use serde::Deserialize;
use std::path::Path;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct AvatarUpload {
    filename: String,
    content_base64: String,
}

pub async fn upload_avatar(Json(upload): Json<AvatarUpload>) -> Result<Json<String>, StatusCode> {
    let data = STANDARD.decode(&upload.content_base64).map_err(|_| StatusCode::BAD_REQUEST)?;
    let ext = if upload.filename.to_lowercase().ends_with(".png") { "png" } else { "jpg" };
    let stored = format!("{}.{}", Uuid::new_v4(), ext);
    std::fs::write(Path::new("/srv/static/avatars").join(&stored), data).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(format!("/avatars/{}", stored)))
}
