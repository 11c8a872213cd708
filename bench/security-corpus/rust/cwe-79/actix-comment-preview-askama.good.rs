use actix_web::{post, web, HttpResponse};
use askama::Template;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct CommentForm {
    author: String,
    comment: String,
}

#[derive(Template)]
#[template(source = "<article class=\"comment\"><h3>{{ author }}</h3><div class=\"body\">{{ comment }}</div></article>", ext = "html")]
struct CommentPreview<'a> {
    author: &'a str,
    comment: &'a str,
}

#[post("/comments/preview")]
pub async fn preview(form: web::Form<CommentForm>) -> HttpResponse {
    let view = CommentPreview { author: &form.author, comment: &form.comment };
    match view.render() {
        Ok(body) => HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
