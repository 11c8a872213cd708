use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{Integer, Text};
use rocket::serde::json::Json;

#[derive(QueryableByName, serde::Serialize)]
struct Shipment {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Text)]
    status: String,
}

#[get("/shipments?<tracking>")]
async fn shipments(db: crate::Db, tracking: String) -> Json<Vec<Shipment>> {
    let query = format!("SELECT id, status FROM shipments WHERE tracking_no = '{}'", tracking);
    let rows = db.run(move |conn| sql_query(query).load::<Shipment>(conn)).await.unwrap_or_default();
    Json(rows)
}
