use axum::{extract::{Path, State}, http::StatusCode};
use std::sync::Arc;
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

pub async fn price(State(catalog): State<Arc<String>>, Path(code): Path<String>) -> Result<String, StatusCode> {
    let package = parser::parse(&catalog).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let doc = package.as_document();
    let expr = "string(//item[code='".to_owned() + &code + "']/price)";
    let xpath = Factory::new().build(&expr).map_err(|_| StatusCode::BAD_REQUEST)?.ok_or(StatusCode::BAD_REQUEST)?;
    let value = xpath.evaluate(&Context::new(), doc.root()).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(value.string())
}
