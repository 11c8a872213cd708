use actix_web::{delete, web, HttpResponse};
use serde::Deserialize;
use std::path::{Component, Path};

#[derive(Deserialize)]
pub struct PurgeRequest {
    keys: Vec<String>,
}

#[delete("/cache")]
pub async fn purge(body: web::Json<PurgeRequest>) -> HttpResponse {
    let mut removed = 0;
    for key in &body.keys {
        let key_path = Path::new(key.trim());
        if !key_path.components().all(|c| matches!(c, Component::Normal(_))) {
            continue;
        }
        if tokio::fs::remove_file(Path::new("/var/cache/app").join(key_path)).await.is_ok() {
            removed += 1;
        }
    }
    HttpResponse::Ok().json(serde_json::json!({ "removed": removed }))
}
