use actix_web::{get, http::header, web, HttpResponse};
use std::collections::HashMap;

#[get("/sso/continue")]
pub async fn continue_flow(query: web::Query<HashMap<String, String>>) -> HttpResponse {
    let requested = query.get("continue").cloned().unwrap_or_default();
    let target = if requested.starts_with('/') {
        requested
    } else {
        "/home".to_string()
    };
    HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish()
}
