use axum::{extract::Query, response::Html};
use std::collections::HashMap;

pub async fn search(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let term = params.get("q").map(|s| s.trim().to_string()).unwrap_or_default();
    let heading = if term.is_empty() {
        String::from("Browse all products")
    } else {
        format!("Results for \"{}\"", term)
    };
    Html(format!("<main><h1>{}</h1><p>No products found.</p></main>", heading))
}
