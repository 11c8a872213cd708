use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

const DATABASE_URL: &str = "postgres://ledger:L3dg3r-pr0d-9931@ledger-db.internal:5432/ledger";

pub async fn connect() -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect(DATABASE_URL)
        .await
}
