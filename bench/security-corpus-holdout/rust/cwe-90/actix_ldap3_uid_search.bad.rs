use actix_web::{get, web, HttpResponse};
use ldap3::{LdapConnAsync, Scope, SearchEntry};
use serde::Deserialize;

#[derive(Deserialize)]
struct PersonQuery {
    uid: String,
}

#[get("/directory/person")]
async fn person(q: web::Query<PersonQuery>) -> HttpResponse {
    let uid = q.uid.clone();
    let Ok((conn, mut ldap)) = LdapConnAsync::new("ldap://ldap.example.com:389").await else {
        return HttpResponse::ServiceUnavailable().finish();
    };
    ldap3::drive!(conn);
    let filter = format!("(&(objectClass=inetOrgPerson)(uid={}))", uid);
    let result = ldap.search("ou=people,dc=example,dc=com", Scope::Subtree, &filter, vec!["cn", "mail"]).await;
    let entries: Vec<String> = match result.and_then(|r| r.success()) {
        Ok((rs, _)) => rs.into_iter().map(|e| SearchEntry::construct(e).dn).collect(),
        Err(_) => return HttpResponse::InternalServerError().finish(),
    };
    let _ = ldap.unbind().await;
    HttpResponse::Ok().json(entries)
}
