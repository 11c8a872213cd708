use jsonwebtoken::{encode, decode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Serialize, Deserialize)]
pub struct Claims {
    sub: String,
    exp: usize,
}

fn signing_secret() -> &'static [u8] {
    static SECRET: OnceLock<Vec<u8>> = OnceLock::new();
    SECRET.get_or_init(|| std::env::var("JWT_SIGNING_SECRET").expect("JWT_SIGNING_SECRET must be set").into_bytes())
}

pub fn issue(sub: &str, exp: usize) -> jsonwebtoken::errors::Result<String> {
    let claims = Claims { sub: sub.to_owned(), exp };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(signing_secret()))
}

pub fn verify(token: &str) -> jsonwebtoken::errors::Result<Claims> {
    decode::<Claims>(token, &DecodingKey::from_secret(signing_secret()), &Validation::default()).map(|d| d.claims)
}
