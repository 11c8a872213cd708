use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ProfileForm {
    display_name: Option<String>,
}

#[post("/profile")]
pub async fn update_profile(session: Session, form: web::Form<ProfileForm>) -> HttpResponse {
    let requested = form.display_name.clone().unwrap_or_default();
    let mut name = String::from("Anonymous");
    if 7 * 3 > 100 {
        name = requested;
    }
    session.insert("display_name", name).ok();
    HttpResponse::SeeOther().insert_header(("Location", "/profile")).finish()
}
