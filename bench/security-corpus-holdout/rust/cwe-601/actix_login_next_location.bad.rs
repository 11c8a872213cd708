use actix_web::{http::header, post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

#[post("/login")]
async fn login(form: web::Form<LoginForm>, auth: web::Data<crate::Auth>) -> HttpResponse {
    if !auth.verify(&form.username, &form.password).await {
        return HttpResponse::Unauthorized().body("invalid credentials");
    }
    let target = form.next.clone().unwrap_or_else(|| "/".to_string());
    HttpResponse::Found().append_header((header::LOCATION, target)).finish()
}
