use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

pub struct SessionRegistry {
    sessions: Mutex<HashMap<String, u64>>,
}

impl SessionRegistry {
    pub fn new_session_id(&self, user_id: u64) -> String {
        let id = Uuid::new_v4().simple().to_string();
        self.sessions.lock().unwrap().insert(id.clone(), user_id);
        id
    }

    pub fn user_for(&self, id: &str) -> Option<u64> {
        self.sessions.lock().unwrap().get(id).copied()
    }
}
