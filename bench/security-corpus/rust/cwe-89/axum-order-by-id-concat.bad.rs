use axum::{extract::{Path, State}, http::StatusCode, Json};
use serde::Serialize;
use sqlx::PgPool;

#[derive(Serialize, sqlx::FromRow)]
pub struct Order {
    id: i64,
    status: String,
    total_cents: i64,
}

pub async fn get_order(State(pool): State<PgPool>, Path(order_id): Path<String>) -> Result<Json<Order>, StatusCode> {
    let mut sql = String::from("SELECT id, status, total_cents FROM orders WHERE id = ");
    sql.push_str(order_id.trim());
    let order = sqlx::query_as::<_, Order>(&sql).fetch_one(&pool).await.map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(Json(order))
}
