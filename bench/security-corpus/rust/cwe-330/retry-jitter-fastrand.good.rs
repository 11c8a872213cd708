use std::future::Future;
use std::time::Duration;

pub async fn with_retry<F, Fut, T, E>(mut op: F, attempts: u32) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut last_err = None;
    for attempt in 0..attempts {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) => last_err = Some(e),
        }
        let backoff = 200u64 * 2u64.pow(attempt);
        let jitter = fastrand::u64(0..100);
        tokio::time::sleep(Duration::from_millis(backoff + jitter)).await;
    }
    Err(last_err.expect("at least one attempt"))
}
