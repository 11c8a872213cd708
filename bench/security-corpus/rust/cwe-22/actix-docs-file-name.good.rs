use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct DocQuery {
    file: String,
}

#[get("/docs")]
pub async fn read_doc(query: web::Query<DocQuery>) -> HttpResponse {
    let file_name = match Path::new(&query.file).file_name() {
        Some(name) => name.to_owned(),
        None => return HttpResponse::BadRequest().finish(),
    };
    let path = Path::new("/srv/app/docs").join(file_name);
    match std::fs::read_to_string(&path) {
        Ok(text) => HttpResponse::Ok().content_type("text/markdown").body(text),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
