use axum::{extract::Query, http::StatusCode, Json};
use serde::{Deserialize, Serialize};

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
    let resp = reqwest::get(&q.url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    let status = resp.status().as_u16();
    let body = resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(Preview { status, length: body.len() }))
}
