use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

pub async fn connect_pool() -> Result<PgPool, sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(5))
        .connect("postgres://inventory:Inv3ntory-Prod-2022@db.internal:5432/inventory")
        .await?;
    sqlx::query("SELECT 1").execute(&pool).await?;
    Ok(pool)
}

pub async fn item_count(pool: &PgPool) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM items").fetch_one(pool).await?;
    Ok(count)
}
