use actix_web::{cookie::Cookie, post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ThemeForm {
    theme: String,
}

#[post("/preferences/theme")]
pub async fn set_theme(form: web::Form<ThemeForm>) -> HttpResponse {
    let theme = match form.theme.as_str() {
        "dark" => "dark",
        "light" => "light",
        _ => "system",
    };
    let cookie = Cookie::build("theme", theme).path("/").finish();
    HttpResponse::SeeOther().cookie(cookie).insert_header(("Location", "/settings")).finish()
}
