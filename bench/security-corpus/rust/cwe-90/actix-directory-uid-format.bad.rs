use actix_web::{get, web, HttpResponse};
use ldap3::{Ldap, Scope, SearchEntry};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LookupQuery {
    uid: String,
}

#[get("/directory/lookup")]
pub async fn lookup(ldap: web::Data<Ldap>, query: web::Query<LookupQuery>) -> HttpResponse {
    let mut ldap = ldap.get_ref().clone();
    let filter = format!("(uid={})", query.uid);
    let result = ldap.search("ou=people,dc=example,dc=com", Scope::Subtree, &filter, vec!["cn", "mail"]).await;
    match result.and_then(|r| r.success()) {
        Ok((entries, _)) => {
            let names: Vec<String> = entries.into_iter().map(|e| SearchEntry::construct(e).dn).collect();
            HttpResponse::Ok().json(names)
        }
        Err(_) => HttpResponse::BadGateway().finish(),
    }
}
