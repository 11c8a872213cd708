use actix_session::Session;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RoleQuery {
    role: String,
}

#[get("/admin/switch-role")]
pub async fn switch_role(session: Session, query: web::Query<RoleQuery>) -> HttpResponse {
    let role = match query.role.to_lowercase().as_str() {
        "auditor" => "auditor",
        _ => "viewer",
    };
    if session.insert("active_role", role).is_err() {
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Found().insert_header(("Location", "/admin")).finish()
}
