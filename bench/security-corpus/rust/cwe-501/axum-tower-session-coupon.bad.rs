use axum::{http::StatusCode, Json};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct ApplyCoupon {
    code: String,
    percent: u8,
}

pub async fn apply_coupon(session: Session, Json(body): Json<ApplyCoupon>) -> StatusCode {
    let coupon = (body.code.trim().to_uppercase(), body.percent);
    match session.insert("coupon", coupon).await {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
