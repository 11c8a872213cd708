use actix_web::{get, web, HttpResponse};
use ldap3::{Ldap, Scope, SearchEntry};

#[get("/groups/{group}/members")]
pub async fn members(ldap: web::Data<Ldap>, path: web::Path<String>) -> HttpResponse {
    let filter = match path.into_inner().to_lowercase().as_str() {
        "engineering" => "(&(objectClass=groupOfNames)(cn=engineering))",
        "finance" => "(&(objectClass=groupOfNames)(cn=finance))",
        _ => return HttpResponse::NotFound().finish(),
    };
    let mut ldap = ldap.get_ref().clone();
    let search = ldap.search("ou=groups,dc=example,dc=com", Scope::OneLevel, filter, vec!["member"]).await;
    let entries = match search.and_then(|r| r.success()) {
        Ok((entries, _)) => entries,
        Err(_) => return HttpResponse::BadGateway().finish(),
    };
    let members: Vec<String> = entries
        .into_iter()
        .flat_map(|e| SearchEntry::construct(e).attrs.remove("member").unwrap_or_default())
        .collect();
    HttpResponse::Ok().json(members)
}
