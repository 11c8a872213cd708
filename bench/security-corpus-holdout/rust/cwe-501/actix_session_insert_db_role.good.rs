use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Profile {
    display_name: String,
}

#[post("/profile")]
async fn update_profile(session: Session, form: web::Form<Profile>, users: web::Data<crate::UserRepo>) -> HttpResponse {
    let Some(user_id) = session.get::<i64>("user_id").ok().flatten() else {
        return HttpResponse::Unauthorized().finish();
    };
    let Ok(user) = users.update_display_name(user_id, &form.display_name).await else {
        return HttpResponse::InternalServerError().finish();
    };
    let _ = session.insert("role", user.role);
    HttpResponse::SeeOther().append_header(("Location", "/profile")).finish()
}
