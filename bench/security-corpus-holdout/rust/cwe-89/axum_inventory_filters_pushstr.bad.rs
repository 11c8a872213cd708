use axum::{extract::{Query, State}, http::StatusCode, Json};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

#[derive(Deserialize)]
pub struct Filters {
    warehouse: Option<String>,
    category: Option<String>,
}

#[derive(Serialize, sqlx::FromRow)]
pub struct Item {
    sku: String,
    qty: i64,
}

pub async fn search_items(State(pool): State<SqlitePool>, Query(f): Query<Filters>) -> Result<Json<Vec<Item>>, StatusCode> {
    let mut sql = String::from("SELECT sku, qty FROM items WHERE 1=1");
    for (col, val) in [("warehouse", &f.warehouse), ("category", &f.category)] {
        if let Some(v) = val {
            sql.push_str(&format!(" AND {} = '{}'", col, v));
        }
    }
    let items = sqlx::query_as::<_, Item>(&sql).fetch_all(&pool).await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(items))
}
