use axum::{extract::Query, http::StatusCode};
use std::collections::HashMap;

pub async fn test_webhook(Query(params): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let callback = match params.get("callback") {
        Some(url) => url.to_owned(),
        None => return Err(StatusCode::BAD_REQUEST),
    };
    let client = reqwest::Client::new();
    let resp = client.post(&callback).json(&serde_json::json!({ "event": "ping" })).send().await;
    match resp {
        Ok(r) => Ok(format!("delivered with status {}", r.status())),
        Err(_) => Err(StatusCode::BAD_GATEWAY),
    }
}
