use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
};

pub async fn oauth_callback(headers: HeaderMap) -> impl IntoResponse {
    let code = headers.get("x-oauth-code").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let access_token = match exchange_code(code).await {
        Some(t) => t,
        None => return StatusCode::UNAUTHORIZED.into_response(),
    };
    let value = format!("access_token={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600", access_token);
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&value).unwrap());
    response
}

async fn exchange_code(_code: &str) -> Option<String> {
    None
}
