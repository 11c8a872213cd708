use axum::{extract::Query, response::Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SignOut {
    return_to: Option<String>,
}

pub async fn sign_out(jar: CookieJar, Query(q): Query<SignOut>) -> (CookieJar, Redirect) {
    let dest = match q.return_to.as_deref() {
        Some("store") => "/store",
        Some("help") => "https://help.example.com/",
        _ => "/",
    };
    (jar.remove(Cookie::from("sid")), Redirect::to(dest))
}
