use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct GreetQuery {
    name: String,
}

#[get("/welcome")]
pub async fn welcome(query: web::Query<GreetQuery>) -> HttpResponse {
    let escaped_name = html_escape::encode_text(&query.name);
    let page = format!("<html><body><h1>Welcome back, {}!</h1></body></html>", escaped_name);
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(page)
}
