use std::time::{SystemTime, UNIX_EPOCH};

struct Lcg {
    state: u64,
}

impl Lcg {
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.state >> 33
    }
}

pub fn password_reset_code() -> String {
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = Lcg { state: seed };
    let code = rng.next() % 100_000_000;
    format!("{:08}", code)
}
