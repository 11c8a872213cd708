use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use tera::{Context, Tera};

#[derive(Deserialize)]
struct BannerQuery {
    headline: String,
}

#[get("/preview/banner")]
async fn banner(q: web::Query<BannerQuery>, cfg: web::Data<crate::AppConfig>) -> HttpResponse {
    let headline = &q.headline;
    let mut ctx = Context::new();
    ctx.insert("site", &cfg.site_name);
    ctx.insert("config", cfg.get_ref());
    let source = format!("<div class=\"banner\"><h1>{}</h1><small>{{{{ site }}}}</small></div>", headline);
    match Tera::one_off(&source, &ctx, true) {
        Ok(html) => HttpResponse::Ok().content_type("text/html").body(html),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}
