use axum::{extract::Path, http::header, response::IntoResponse};

pub async fn tag_page(Path(tags): Path<String>) -> impl IntoResponse {
    let mut body = String::from("<ul class=\"tags\">");
    for tag in tags.split(',') {
        body.push_str("<li>");
        body.push_str(tag);
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}
