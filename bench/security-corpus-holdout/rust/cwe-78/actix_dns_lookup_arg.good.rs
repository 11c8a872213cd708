use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
struct Lookup {
    host: String,
}

#[get("/tools/dns")]
async fn dns_lookup(q: web::Query<Lookup>) -> HttpResponse {
    let host = &q.host;
    if host.starts_with('-') || host.is_empty() {
        return HttpResponse::BadRequest().body("invalid host");
    }
    let output = Command::new("nslookup").arg(host).output();
    match output {
        Ok(out) => HttpResponse::Ok().content_type("text/plain").body(out.stdout),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}
