use askama::Template;
use axum::{extract::Path, response::Html};

#[derive(Template)]
#[template(path = "missing_product.html")]
struct MissingProduct {
    slug: String,
}

pub async fn missing_product(Path(slug): Path<String>) -> Html<String> {
    let page = MissingProduct { slug };
    Html(page.render().unwrap_or_default())
}
