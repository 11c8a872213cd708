use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct ReplicaQuery {
    host: String,
}

#[get("/replicas/lag")]
async fn replica_lag(client: web::Data<reqwest::Client>, q: web::Query<ReplicaQuery>) -> HttpResponse {
    let endpoint = format!("http://{}/metrics/replication", q.host);
    match client.get(&endpoint).send().await {
        Ok(resp) => HttpResponse::Ok().body(resp.text().await.unwrap_or_default()),
        Err(e) => HttpResponse::BadGateway().body(e.to_string()),
    }
}
