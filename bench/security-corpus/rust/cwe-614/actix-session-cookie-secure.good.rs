use actix_web::{cookie::Cookie, post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

#[post("/login")]
pub async fn login(creds: web::Form<Credentials>) -> HttpResponse {
    let token = match authenticate(&creds.username, &creds.password) {
        Some(t) => t,
        None => return HttpResponse::Unauthorized().finish(),
    };
    let cookie = Cookie::build("session", token).path("/").http_only(true).secure(true).finish();
    HttpResponse::SeeOther().cookie(cookie).insert_header(("Location", "/dashboard")).finish()
}

fn authenticate(_user: &str, _password: &str) -> Option<String> {
    None
}
