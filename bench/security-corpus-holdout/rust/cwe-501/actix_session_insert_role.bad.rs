use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Profile {
    display_name: String,
    role: String,
}

#[post("/profile")]
async fn update_profile(session: Session, form: web::Form<Profile>) -> HttpResponse {
    if session.get::<i64>("user_id").ok().flatten().is_none() {
        return HttpResponse::Unauthorized().finish();
    }
    let Profile { display_name, role } = form.into_inner();
    let _ = session.insert("display_name", &display_name);
    let _ = session.insert("role", role);
    HttpResponse::SeeOther().append_header(("Location", "/profile")).finish()
}
