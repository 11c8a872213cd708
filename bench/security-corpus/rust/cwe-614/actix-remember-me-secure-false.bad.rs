use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::HttpResponse;
use rand::rngs::OsRng;
use rand::RngCore;

pub fn remember_me_response(save: impl Fn(&str) -> bool) -> HttpResponse {
    let mut raw = [0u8; 32];
    OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    if !save(&token) {
        return HttpResponse::InternalServerError().finish();
    }
    let mut cookie = Cookie::new("remember_token", token);
    cookie.set_path("/");
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_max_age(Duration::days(30));
    cookie.set_secure(false);
    HttpResponse::Ok().cookie(cookie).finish()
}
