use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct GreetQuery {
    name: String,
}

#[get("/welcome")]
pub async fn welcome(query: web::Query<GreetQuery>) -> HttpResponse {
    let page = format!("<html><body><h1>Welcome back, {}!</h1></body></html>", query.name);
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(page)
}
