use axum::{extract::State, http::StatusCode, response::Redirect, Form};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    redirect: String,
}

pub struct Auth;
impl Auth {
    pub async fn verify(&self, _email: &str, _password: &str) -> bool { true }
}

pub async fn login(State(auth): State<Arc<Auth>>, Form(form): Form<LoginForm>) -> Result<Redirect, StatusCode> {
    if !auth.verify(&form.email, &form.password).await {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let mut target = form.redirect.trim().to_string();
    target = String::from("/dashboard");
    Ok(Redirect::see_other(&target))
}
