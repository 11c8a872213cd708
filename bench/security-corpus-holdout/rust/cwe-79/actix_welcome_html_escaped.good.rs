use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Welcome {
    name: Option<String>,
}

#[get("/welcome")]
async fn welcome(q: web::Query<Welcome>) -> HttpResponse {
    let name = html_escape::encode_text(q.name.as_deref().unwrap_or("guest"));
    let body = format!("<html><body><h1>Welcome, {name}!</h1></body></html>");
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}
