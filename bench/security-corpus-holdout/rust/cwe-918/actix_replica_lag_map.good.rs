use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct ReplicaQuery {
    replica: String,
}

fn replica_endpoint(name: &str) -> Option<&'static str> {
    match name {
        "replica-a" => Some("http://10.0.3.10:9187/metrics/replication"),
        "replica-b" => Some("http://10.0.3.11:9187/metrics/replication"),
        _ => None,
    }
}

#[get("/replicas/lag")]
async fn replica_lag(client: web::Data<reqwest::Client>, q: web::Query<ReplicaQuery>) -> HttpResponse {
    let Some(endpoint) = replica_endpoint(&q.replica) else {
        return HttpResponse::NotFound().finish();
    };
    match client.get(endpoint).send().await {
        Ok(resp) => HttpResponse::Ok().body(resp.text().await.unwrap_or_default()),
        Err(e) => HttpResponse::BadGateway().body(e.to_string()),
    }
}
