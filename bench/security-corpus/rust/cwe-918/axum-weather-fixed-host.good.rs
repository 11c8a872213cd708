use axum::{extract::{Query, State}, http::StatusCode};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct WeatherQuery {
    city: String,
}

pub async fn weather(State(client): State<reqwest::Client>, Query(q): Query<WeatherQuery>) -> Result<String, StatusCode> {
    let resp = client
        .get("https://api.weather.example.com/v2/current")
        .query(&[("city", q.city.as_str()), ("units", "metric")])
        .send()
        .await
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}
