use actix_web::{http::header, post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

fn is_local(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

#[post("/login")]
async fn login(form: web::Form<LoginForm>, auth: web::Data<crate::Auth>) -> HttpResponse {
    if !auth.verify(&form.username, &form.password).await {
        return HttpResponse::Unauthorized().body("invalid credentials");
    }
    let target = match form.next.as_deref() {
        Some(p) if is_local(p) => p.to_string(),
        _ => "/".to_string(),
    };
    HttpResponse::Found().append_header((header::LOCATION, target)).finish()
}
