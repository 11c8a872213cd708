use axum::{extract::State, http::StatusCode, Json};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct ProbeRequest {
    host: String,
    port: u16,
}

#[derive(Serialize)]
pub struct ProbeResult {
    status: u16,
}

pub async fn probe(State(client): State<reqwest::Client>, Json(req): Json<ProbeRequest>) -> Result<Json<ProbeResult>, StatusCode> {
    let url = format!("http://{}:{}/health", req.host, req.port);
    let resp = client.get(url).send().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(ProbeResult { status: resp.status().as_u16() }))
}
