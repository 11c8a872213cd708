use axum::{extract::State, http::StatusCode, Json};
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub async fn login(State(app): State<crate::AppState>, jar: CookieJar, Json(body): Json<crate::LoginBody>) -> Result<CookieJar, StatusCode> {
    let sid = app.sessions.create(&body.email, &body.password).await.ok_or(StatusCode::UNAUTHORIZED)?;
    let cookie = Cookie::build(("sid", sid)).path("/").http_only(true).secure(true);
    Ok(jar.add(cookie))
}
