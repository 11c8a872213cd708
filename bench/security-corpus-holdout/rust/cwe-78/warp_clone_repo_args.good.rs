use std::collections::HashMap;
use std::process::Command;
use warp::Filter;

pub fn clone_route() -> impl Filter<Extract = (impl warp::Reply,), Error = warp::Rejection> + Clone {
    warp::path!("ci" / "clone")
        .and(warp::post())
        .and(warp::body::form())
        .map(|form: HashMap<String, String>| {
            let repo_url = form.get("repo").cloned().unwrap_or_default();
            if !repo_url.starts_with("https://") {
                return warp::reply::json(&"only https repositories are supported");
            }
            let workdir = format!("/tmp/build-{}", std::process::id());
            let status = Command::new("git").args(["clone", "--depth", "1", "--", &repo_url, &workdir]).status();
            match status {
                Ok(s) if s.success() => warp::reply::json(&workdir),
                _ => warp::reply::json(&"clone failed"),
            }
        })
}
