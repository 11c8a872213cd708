use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ProfileForm {
    display_name: Option<String>,
}

#[post("/profile")]
pub async fn update_profile(session: Session, form: web::Form<ProfileForm>) -> HttpResponse {
    let name = if let Some(n) = &form.display_name {
        n.trim().to_string()
    } else {
        String::from("Anonymous")
    };
    session.insert("display_name", name).ok();
    HttpResponse::SeeOther().insert_header(("Location", "/profile")).finish()
}
