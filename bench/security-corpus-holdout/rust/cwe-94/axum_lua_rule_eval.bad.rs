use axum::{http::StatusCode, Json};
use mlua::Lua;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RuleTest {
    script: String,
    amount: f64,
}

pub async fn test_rule(Json(body): Json<RuleTest>) -> Result<String, (StatusCode, String)> {
    let lua = Lua::new();
    lua.globals().set("amount", body.amount).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let verdict: String = lua.load(&body.script).eval()
        .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    Ok(verdict)
}
