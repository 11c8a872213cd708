use actix_web::{get, http::header, HttpRequest, HttpResponse};

#[get("/assets/app.js")]
pub async fn app_bundle(req: HttpRequest) -> HttpResponse {
    let body = match std::fs::read("public/app.js") {
        Ok(b) => b,
        Err(_) => return HttpResponse::NotFound().finish(),
    };
    let etag = format!("\"{:x}\"", md5::compute(&body));
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .map(|v| v.as_bytes() == etag.as_bytes())
        .unwrap_or(false);
    if unchanged {
        return HttpResponse::NotModified().finish();
    }
    HttpResponse::Ok().insert_header((header::ETAG, etag)).content_type("application/javascript").body(body)
}
