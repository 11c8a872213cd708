use actix_web::{get, HttpResponse};
use actix_web_httpauth::extractors::basic::BasicAuth;
use subtle::ConstantTimeEq;

#[get("/admin/stats")]
pub async fn admin_stats(auth: BasicAuth) -> HttpResponse {
    let expected_user = std::env::var("ADMIN_USER").unwrap_or_default();
    let expected_pass = std::env::var("ADMIN_PASSWORD").unwrap_or_default();
    let password = auth.password().unwrap_or_default();
    let ok = !expected_pass.is_empty()
        && bool::from(auth.user_id().as_bytes().ct_eq(expected_user.as_bytes()))
        && bool::from(password.as_bytes().ct_eq(expected_pass.as_bytes()));
    if !ok {
        return HttpResponse::Unauthorized()
            .insert_header(("WWW-Authenticate", "Basic realm=\"admin\""))
            .finish();
    }
    HttpResponse::Ok().json(serde_json::json!({ "active_users": 1280, "queue_depth": 4 }))
}
