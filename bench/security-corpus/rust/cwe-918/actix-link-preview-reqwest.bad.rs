use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PreviewQuery {
    url: String,
}

#[get("/api/preview")]
pub async fn preview(query: web::Query<PreviewQuery>) -> HttpResponse {
    let target = query.url.trim().to_string();
    let resp = match reqwest::get(&target).await {
        Ok(r) => r,
        Err(_) => return HttpResponse::BadGateway().finish(),
    };
    let body = resp.text().await.unwrap_or_default();
    let title = body.split("<title>").nth(1).and_then(|s| s.split("</title>").next()).unwrap_or("");
    HttpResponse::Ok().json(serde_json::json!({ "title": title }))
}
