use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct DocQuery {
    file: String,
}

#[get("/docs")]
pub async fn read_doc(query: web::Query<DocQuery>) -> HttpResponse {
    let path = format!("/srv/app/docs/{}", query.file);
    match std::fs::read_to_string(&path) {
        Ok(text) => HttpResponse::Ok().content_type("text/markdown").body(text),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
