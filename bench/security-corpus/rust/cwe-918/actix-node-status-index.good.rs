use actix_web::{get, web, HttpResponse};

const NODES: [&str; 3] = ["10.0.2.11", "10.0.2.12", "10.0.2.13"];

#[get("/cluster/nodes/{node}/status")]
pub async fn node_status(path: web::Path<usize>) -> HttpResponse {
    let index = path.into_inner();
    let node = match NODES.get(index) {
        Some(n) => *n,
        None => return HttpResponse::NotFound().finish(),
    };
    match reqwest::get(format!("http://{}:8080/status", node)).await {
        Ok(resp) => HttpResponse::Ok().json(serde_json::json!({ "node_status": resp.status().as_u16() })),
        Err(_) => HttpResponse::BadGateway().finish(),
    }
}
