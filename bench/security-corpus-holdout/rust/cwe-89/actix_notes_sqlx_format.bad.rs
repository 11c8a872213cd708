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
    let mut sql = format!("SELECT id, title FROM notes WHERE owner = '{}'", owner);
    if let Some(t) = tag {
        sql.push_str(&format!(" AND '{}' = ANY(tags)", t));
    }
    match sqlx::query(&sql).fetch_all(pool.get_ref()).await {
        Ok(rows) => {
            let titles: Vec<String> = rows.iter().map(|r| r.get::<String, _>("title")).collect();
            HttpResponse::Ok().json(titles)
        }
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
