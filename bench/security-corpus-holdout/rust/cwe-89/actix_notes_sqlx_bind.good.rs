use actix_web::{get, web, HttpResponse, Responder};
use serde::Deserialize;
use sqlx::{PgPool, Row};

#[derive(Deserialize)]
struct NotesQuery {
    owner: String,
    tag: Option<String>,
}

#[get("/notes")]
async fn list_notes(pool: web::Data<PgPool>, q: web::Query<NotesQuery>) -> impl Responder {
    let NotesQuery { owner, tag } = q.into_inner();
    let result = sqlx::query("SELECT id, title FROM notes WHERE owner = $1 AND ($2::text IS NULL OR $2 = ANY(tags))")
        .bind(owner)
        .bind(tag)
        .fetch_all(pool.get_ref())
        .await;
    match result {
        Ok(rows) => {
            let titles: Vec<String> = rows.iter().map(|r| r.get::<String, _>("title")).collect();
            HttpResponse::Ok().json(titles)
        }
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
