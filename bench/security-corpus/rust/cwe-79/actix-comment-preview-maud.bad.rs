use actix_web::{post, web, HttpResponse};
use maud::{html, PreEscaped};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct CommentForm {
    author: String,
    comment: String,
}

#[post("/comments/preview")]
pub async fn preview(form: web::Form<CommentForm>) -> HttpResponse {
    let markup = html! {
        article.comment {
            h3 { (form.author) }
            div.body { (PreEscaped(form.comment.clone())) }
        }
    };
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(markup.into_string())
}
