use axum::{extract::{Query, State}, http::StatusCode, Json};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

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
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT sku, qty FROM items WHERE 1=1");
    if let Some(w) = f.warehouse {
        qb.push(" AND warehouse = ").push_bind(w);
    }
    if let Some(c) = f.category {
        qb.push(" AND category = ").push_bind(c);
    }
    let items = qb.build_query_as::<Item>().fetch_all(&pool).await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(items))
}
