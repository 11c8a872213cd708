use actix_web::{get, http::header, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LogoutQuery {
    next: Option<String>,
}

#[get("/logout")]
pub async fn logout(query: web::Query<LogoutQuery>) -> HttpResponse {
    let target = match query.next.as_deref() {
        Some("login") => "/login",
        Some("pricing") => "/pricing",
        _ => "/",
    };
    HttpResponse::Found().append_header((header::LOCATION, target)).finish()
}
