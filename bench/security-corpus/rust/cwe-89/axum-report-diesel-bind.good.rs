use axum::{extract::Query, http::StatusCode, Json};
use diesel::pg::PgConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{sql_query, Connection, QueryableByName, RunQueryDsl};
use std::collections::HashMap;

#[derive(QueryableByName, serde::Serialize)]
pub struct RegionTotal {
    #[diesel(sql_type = Text)]
    region: String,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

pub async fn region_report(Query(params): Query<HashMap<String, String>>) -> Result<Json<Vec<RegionTotal>>, StatusCode> {
    let region = params.get("region").cloned().unwrap_or_else(|| "emea".to_string());
    let mut conn = PgConnection::establish(&std::env::var("DATABASE_URL").unwrap()).map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let query = sql_query("SELECT region, SUM(amount) AS total FROM sales WHERE region = $1 GROUP BY region").bind::<Text, _>(region);
    let rows = query.load::<RegionTotal>(&mut conn).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(rows))
}
