use actix_web::{post, web, HttpResponse};
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
    let users = users.read().unwrap();
    let verified = match users.get(&form.username) {
        Some(stored) => bcrypt::verify(&form.password, stored).unwrap_or(false),
        None => false,
    };
    if verified {
        HttpResponse::Ok().json(serde_json::json!({ "user": form.username }))
    } else {
        HttpResponse::Unauthorized().finish()
    }
}
