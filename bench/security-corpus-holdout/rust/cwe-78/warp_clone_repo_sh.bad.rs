use std::collections::HashMap;
use std::process::Command;
use warp::Filter;

pub fn clone_route() -> impl Filter<Extract = (impl warp::Reply,), Error = warp::Rejection> + Clone {
    warp::path!("ci" / "clone")
        .and(warp::post())
        .and(warp::body::form())
        .map(|form: HashMap<String, String>| {
            let repo_url = form.get("repo").cloned().unwrap_or_default();
            let workdir = format!("/tmp/build-{}", std::process::id());
            let cmdline = "git clone --depth 1 ".to_owned() + &repo_url + " " + &workdir;
            let status = Command::new("/bin/sh").arg("-c").arg(&cmdline).status();
            match status {
                Ok(s) if s.success() => warp::reply::json(&workdir),
                _ => warp::reply::json(&"clone failed"),
            }
        })
}
