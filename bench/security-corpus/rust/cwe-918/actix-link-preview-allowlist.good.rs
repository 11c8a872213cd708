use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
pub struct PreviewQuery {
    url: String,
}

const ALLOWED_HOSTS: [&str; 2] = ["www.example.com", "blog.example.com"];

#[get("/api/preview")]
pub async fn preview(query: web::Query<PreviewQuery>) -> HttpResponse {
    let parsed = match Url::parse(query.url.trim()) {
        Ok(u) if u.scheme() == "https" && u.port().is_none() && ALLOWED_HOSTS.contains(&u.host_str().unwrap_or("")) => u,
        _ => return HttpResponse::BadRequest().body("url not allowed"),
    };
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let resp = match client.get(parsed).send().await {
        Ok(r) => r,
        Err(_) => return HttpResponse::BadGateway().finish(),
    };
    HttpResponse::Ok().json(serde_json::json!({ "status": resp.status().as_u16() }))
}
