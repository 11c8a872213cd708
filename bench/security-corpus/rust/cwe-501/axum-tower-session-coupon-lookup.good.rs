use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct ApplyCoupon {
    code: String,
}

pub async fn apply_coupon(State(pool): State<PgPool>, session: Session, Json(body): Json<ApplyCoupon>) -> StatusCode {
    let coupon: Option<(i64, i16)> = sqlx::query_as("SELECT id, percent FROM coupons WHERE code = $1 AND active")
        .bind(body.code.trim().to_uppercase())
        .fetch_optional(&pool)
        .await
        .unwrap_or(None);
    let Some((coupon_id, percent)) = coupon else {
        return StatusCode::NOT_FOUND;
    };
    match session.insert("coupon", (coupon_id, percent)).await {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
