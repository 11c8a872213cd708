use std::collections::HashMap;
use warp::Filter;

pub fn hello() -> impl Filter<Extract = (impl warp::Reply,), Error = warp::Rejection> + Clone {
    warp::path("hello")
        .and(warp::query::<HashMap<String, String>>())
        .map(|params: HashMap<String, String>| {
            let who = params.get("who").map(String::as_str).unwrap_or("world");
            warp::reply::html(format!("<p>Hello, {}</p>", who))
        })
}
