use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

#[derive(Deserialize)]
struct RoleQuery {
    user: String,
}

#[get("/acl/role")]
async fn role(q: web::Query<RoleQuery>, acl: web::Data<String>) -> HttpResponse {
    let package = match parser::parse(acl.get_ref()) {
        Ok(p) => p,
        Err(_) => return HttpResponse::InternalServerError().finish(),
    };
    let doc = package.as_document();
    let xpath = match Factory::new().build("string(//account[@login=$login]/role)") {
        Ok(Some(x)) => x,
        _ => return HttpResponse::InternalServerError().finish(),
    };
    let mut ctx = Context::new();
    ctx.set_variable("login", q.user.as_str());
    match xpath.evaluate(&ctx, doc.root()) {
        Ok(v) => HttpResponse::Ok().body(v.string()),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}
