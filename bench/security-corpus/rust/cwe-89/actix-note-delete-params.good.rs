use actix_web::{post, web, HttpResponse};
use rusqlite::{params, Connection};
use serde::Deserialize;
use std::sync::Mutex;

#[derive(Deserialize)]
pub struct DeleteForm {
    title: String,
}

#[post("/notes/delete")]
pub async fn delete_note(db: web::Data<Mutex<Connection>>, form: web::Form<DeleteForm>) -> HttpResponse {
    let conn = db.lock().unwrap();
    let title = form.title.to_lowercase();
    match conn.execute("DELETE FROM notes WHERE lower(title) = ?1", params![title]) {
        Ok(n) => HttpResponse::Ok().body(format!("deleted {} note(s)", n)),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
