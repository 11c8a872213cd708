use axum::{extract::Path, response::Html};

pub async fn missing_product(Path(slug): Path<String>) -> Html<String> {
    let mut page = String::from("<main class=\"error\">");
    page.push_str("<h2>Product not found</h2>");
    page.push_str(&format!("<p>No product matches <em>{}</em>.</p>", slug));
    page.push_str("</main>");
    Html(page)
}
