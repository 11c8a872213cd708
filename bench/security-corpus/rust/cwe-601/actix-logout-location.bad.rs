use actix_web::{get, http::header, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LogoutQuery {
    next: Option<String>,
}

#[get("/logout")]
pub async fn logout(query: web::Query<LogoutQuery>) -> HttpResponse {
    let target = query.next.clone().unwrap_or_else(|| "/".to_string());
    HttpResponse::Found().append_header((header::LOCATION, target)).finish()
}
