use actix_web::{get, HttpResponse};
use actix_web_httpauth::extractors::basic::BasicAuth;

#[get("/admin/stats")]
pub async fn admin_stats(auth: BasicAuth) -> HttpResponse {
    let password = auth.password().unwrap_or_default();
    if auth.user_id() != "ops-admin" || password != "0ps-Dashb0ard!" {
        return HttpResponse::Unauthorized()
            .insert_header(("WWW-Authenticate", "Basic realm=\"admin\""))
            .finish();
    }
    HttpResponse::Ok().json(serde_json::json!({
        "active_users": 1280,
        "queue_depth": 4,
    }))
}
