use actix_web::{delete, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PurgeRequest {
    keys: Vec<String>,
}

#[delete("/cache")]
pub async fn purge(body: web::Json<PurgeRequest>) -> HttpResponse {
    let mut removed = 0;
    for key in &body.keys {
        let target = format!("/var/cache/app/{}", key.trim());
        if tokio::fs::remove_file(&target).await.is_ok() {
            removed += 1;
        }
    }
    HttpResponse::Ok().json(serde_json::json!({ "removed": removed }))
}
