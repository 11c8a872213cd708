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
    let rows = db
        .run(move |conn| {
            sql_query("SELECT id, status FROM shipments WHERE tracking_no = $1")
                .bind::<Text, _>(tracking)
                .load::<Shipment>(conn)
        })
        .await
        .unwrap_or_default();
    Json(rows)
}
