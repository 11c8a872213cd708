use axum::{extract::Query, http::StatusCode};
use std::collections::HashMap;

fn registered_endpoint(name: &str) -> Option<&'static str> {
    match name {
        "billing" => Some("https://hooks.partner-a.example/billing"),
        "crm" => Some("https://api.partner-b.example/events"),
        _ => None,
    }
}

pub async fn test_webhook(Query(params): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let name = params.get("endpoint").map(String::as_str).unwrap_or("");
    let callback = registered_endpoint(name).ok_or(StatusCode::NOT_FOUND)?;
    let client = reqwest::Client::new();
    let resp = client.post(callback).json(&serde_json::json!({ "event": "ping" })).send().await;
    match resp {
        Ok(r) => Ok(format!("delivered with status {}", r.status())),
        Err(_) => Err(StatusCode::BAD_GATEWAY),
    }
}
