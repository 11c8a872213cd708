use rand::Rng;

pub fn password_reset_code() -> String {
    let mut rng = rand::thread_rng();
    let code: u32 = rng.gen_range(0..100_000_000);
    format!("{:08}", code)
}

pub fn verify_reset_code(expected: &str, provided: &str) -> bool {
    if expected.len() != provided.len() {
        return false;
    }
    expected
        .bytes()
        .zip(provided.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}
