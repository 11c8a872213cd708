use axum::extract::Query;
use maud::{html, Markup};
use std::collections::HashMap;

pub async fn search(Query(params): Query<HashMap<String, String>>) -> Markup {
    let term = params.get("q").map(|s| s.trim().to_string()).unwrap_or_default();
    html! {
        main {
            @if term.is_empty() {
                h1 { "Browse all products" }
            } @else {
                h1 { "Results for \"" (term) "\"" }
            }
            p { "No products found." }
        }
    }
}
