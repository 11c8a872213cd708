use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct PingQuery {
    host: String,
}

#[get("/diagnostics/ping")]
pub async fn ping(query: web::Query<PingQuery>) -> HttpResponse {
    let output = Command::new("sh").arg("-c").arg(format!("ping -c 3 {}", query.host)).output();
    match output {
        Ok(out) => HttpResponse::Ok().content_type("text/plain").body(out.stdout),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
