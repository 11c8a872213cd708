use axum::{extract::Query, http::StatusCode, Json};
use serde::{Deserialize, Serialize};
use url::Url;

const ALLOWED: &[&str] = &["www.youtube.com", "vimeo.com", "twitter.com"];

#[derive(Deserialize)]
pub struct Unfurl {
    url: String,
}

#[derive(Serialize)]
pub struct Preview {
    status: u16,
    length: usize,
}

pub async fn unfurl(Query(q): Query<Unfurl>) -> Result<Json<Preview>, StatusCode> {
    let parsed = Url::parse(&q.url).map_err(|_| StatusCode::BAD_REQUEST)?;
    let host_ok = parsed.host_str().map(|h| ALLOWED.contains(&h)).unwrap_or(false);
    if parsed.scheme() != "https" || !host_ok {
        return Err(StatusCode::BAD_REQUEST);
    }
    let resp = reqwest::get(parsed).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    let status = resp.status().as_u16();
    let body = resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(Preview { status, length: body.len() }))
}
