use actix_web::{get, web, HttpResponse, Responder};
use serde::Deserialize;
use sqlx::{PgPool, Row};

#[derive(Deserialize)]
pub struct SearchParams {
    name: String,
}

#[get("/users/search")]
pub async fn search_users(pool: web::Data<PgPool>, params: web::Query<SearchParams>) -> impl Responder {
    let rows = match sqlx::query("SELECT id, email FROM users WHERE name = $1")
        .bind(&params.name)
        .fetch_all(pool.get_ref())
        .await
    {
        Ok(rows) => rows,
        Err(_) => return HttpResponse::InternalServerError().finish(),
    };
    let emails: Vec<String> = rows.iter().map(|r| r.get::<String, _>("email")).collect();
    HttpResponse::Ok().json(emails)
}
