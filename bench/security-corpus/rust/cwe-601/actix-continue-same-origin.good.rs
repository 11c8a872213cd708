use actix_web::{get, http::header, web, HttpResponse};
use std::collections::HashMap;
use url::Url;

const APP_ORIGIN: &str = "https://app.example.com";

#[get("/sso/continue")]
pub async fn continue_flow(query: web::Query<HashMap<String, String>>) -> HttpResponse {
    let base = Url::parse(APP_ORIGIN).unwrap();
    let requested = query.get("continue").cloned().unwrap_or_default();
    let target = match base.join(&requested) {
        Ok(u) if u.origin() == base.origin() => u.to_string(),
        _ => format!("{}/home", APP_ORIGIN),
    };
    HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish()
}
