use axum::{extract::Query, http::StatusCode, Json};
use ldap3::{LdapConnAsync, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct GroupCheck {
    user_dn: String,
    group: String,
}

pub async fn is_member(Query(q): Query<GroupCheck>) -> Result<Json<bool>, StatusCode> {
    let (conn, mut ldap) = LdapConnAsync::new("ldaps://ldap.internal:636").await.map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    ldap3::drive!(conn);
    let filter = "(&(cn=".to_string() + &q.group + ")(member=" + &q.user_dn + "))";
    let (entries, _) = ldap.search("ou=groups,dc=internal", Scope::OneLevel, &filter, vec!["cn"]).await
        .and_then(|r| r.success())
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(!entries.is_empty()))
}
