use axum::{http::StatusCode, Json};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct ConvertRequest {
    input: String,
    format: String,
}

pub async fn convert(Json(req): Json<ConvertRequest>) -> StatusCode {
    let script = format!("ffmpeg -y -i /media/in/{} /media/out/result.{}", req.input, req.format);
    let status = Command::new("bash").args(["-c", &script]).status();
    match status {
        Ok(s) if s.success() => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}
