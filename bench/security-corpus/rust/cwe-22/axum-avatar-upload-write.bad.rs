use axum::{http::StatusCode, Json};
use base64::{engine::general_purpose::STANDARD, Engine};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct AvatarUpload {
    filename: String,
    content_base64: String,
}

pub async fn upload_avatar(Json(upload): Json<AvatarUpload>) -> Result<StatusCode, StatusCode> {
    let data = STANDARD.decode(&upload.content_base64).map_err(|_| StatusCode::BAD_REQUEST)?;
    let destination = Path::new("/srv/static/avatars").join(&upload.filename);
    std::fs::write(&destination, data).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(StatusCode::CREATED)
}
