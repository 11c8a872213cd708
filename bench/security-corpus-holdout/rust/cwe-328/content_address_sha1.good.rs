use sha1::{Digest, Sha1};
use std::path::{Path, PathBuf};

pub fn blob_path(store: &Path, contents: &[u8]) -> PathBuf {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", contents.len()).as_bytes());
    hasher.update(contents);
    let id = hex::encode(hasher.finalize());
    store.join(&id[..2]).join(&id[2..])
}
