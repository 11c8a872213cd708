use actix_web::cookie::{Cookie, SameSite};
use actix_web::{post, web, HttpResponse};

#[post("/auth/session")]
async fn start_session(creds: web::Json<crate::Credentials>, auth: web::Data<crate::Auth>) -> HttpResponse {
    let Some(token) = auth.login(&creds.username, &creds.password).await else {
        return HttpResponse::Unauthorized().finish();
    };
    let cookie = Cookie::build("session", token)
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Lax)
        .finish();
    HttpResponse::NoContent().cookie(cookie).finish()
}
