use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

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
    let expr = format!("string(//account[@login='{}']/role)", q.user);
    match evaluate_xpath(&doc, &expr) {
        Ok(v) => HttpResponse::Ok().body(v.string()),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}
