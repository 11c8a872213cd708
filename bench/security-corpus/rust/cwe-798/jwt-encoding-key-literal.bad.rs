use jsonwebtoken::{encode, decode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub struct Claims {
    sub: String,
    exp: usize,
}

const SIGNING_SECRET: &[u8] = b"orders-service-jwt-hmac-secret";

pub fn issue(sub: &str, exp: usize) -> jsonwebtoken::errors::Result<String> {
    let claims = Claims { sub: sub.to_owned(), exp };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(SIGNING_SECRET))
}

pub fn verify(token: &str) -> jsonwebtoken::errors::Result<Claims> {
    decode::<Claims>(token, &DecodingKey::from_secret(SIGNING_SECRET), &Validation::default()).map(|d| d.claims)
}
