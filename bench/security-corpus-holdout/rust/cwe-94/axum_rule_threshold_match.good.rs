use axum::{http::StatusCode, Json};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RuleTest {
    operator: String,
    threshold: f64,
    amount: f64,
}

pub async fn test_rule(Json(body): Json<RuleTest>) -> Result<String, (StatusCode, String)> {
    let hit = match body.operator.as_str() {
        "gt" => body.amount > body.threshold,
        "lt" => body.amount < body.threshold,
        "eq" => (body.amount - body.threshold).abs() < f64::EPSILON,
        other => return Err((StatusCode::UNPROCESSABLE_ENTITY, format!("unknown operator {other}"))),
    };
    Ok(if hit { "review".to_string() } else { "approve".to_string() })
}
