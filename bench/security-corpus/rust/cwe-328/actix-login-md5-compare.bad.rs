use actix_web::{post, web, HttpResponse};
use md5::{Digest, Md5};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::RwLock;

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
}

#[post("/login")]
pub async fn login(users: web::Data<RwLock<HashMap<String, String>>>, form: web::Form<LoginForm>) -> HttpResponse {
    let candidate = hex::encode(Md5::digest(form.password.as_bytes()));
    let users = users.read().unwrap();
    match users.get(&form.username) {
        Some(stored) if *stored == candidate => HttpResponse::Ok().json(serde_json::json!({ "user": form.username })),
        _ => HttpResponse::Unauthorized().finish(),
    }
}
