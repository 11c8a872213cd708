use actix_web::{get, web, HttpResponse};

#[get("/cluster/nodes/{node}/status")]
pub async fn node_status(path: web::Path<String>) -> HttpResponse {
    let node = path.into_inner();
    let endpoint = format!("http://{}:8080/status", node);
    match reqwest::get(endpoint).await {
        Ok(resp) => {
            let code = resp.status().as_u16();
            let body = resp.text().await.unwrap_or_default();
            HttpResponse::Ok().json(serde_json::json!({ "node_status": code, "body": body }))
        }
        Err(_) => HttpResponse::BadGateway().finish(),
    }
}
