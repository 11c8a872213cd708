use axum::{http::StatusCode, Json};
use serde::Deserialize;
use std::path::Path;
use std::process::Command;

#[derive(Deserialize)]
pub struct ConvertRequest {
    input: String,
    format: String,
}

pub async fn convert(Json(req): Json<ConvertRequest>) -> StatusCode {
    let ext = match req.format.as_str() {
        "mp4" => "mp4",
        "webm" => "webm",
        _ => return StatusCode::BAD_REQUEST,
    };
    let name = Path::new(&req.input).file_name().map(|n| n.to_os_string()).unwrap_or_default();
    let input = Path::new("/media/in").join(name);
    let output = format!("/media/out/result.{}", ext);
    match Command::new("ffmpeg").arg("-y").arg("-i").arg(&input).arg(&output).status() {
        Ok(s) if s.success() => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}
