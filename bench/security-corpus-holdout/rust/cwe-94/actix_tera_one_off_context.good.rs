use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use tera::{Context, Tera};

#[derive(Deserialize)]
struct BannerQuery {
    headline: String,
}

const BANNER: &str = "<div class=\"banner\"><h1>{{ headline }}</h1><small>{{ site }}</small></div>";

#[get("/preview/banner")]
async fn banner(q: web::Query<BannerQuery>, cfg: web::Data<crate::AppConfig>) -> HttpResponse {
    let mut ctx = Context::new();
    ctx.insert("site", &cfg.site_name);
    ctx.insert("headline", &q.headline);
    match Tera::one_off(BANNER, &ctx, true) {
        Ok(html) => HttpResponse::Ok().content_type("text/html").body(html),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}
