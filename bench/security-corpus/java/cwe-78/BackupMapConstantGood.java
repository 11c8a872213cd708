package com.example.backup.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BackupMapConstantGood {
    @PostMapping("/admin/backup")
    public String backup(@CookieValue(name = "backup_label", defaultValue = "nightly") String label) throws IOException {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA-1", "nightly");
        map.put("keyB-2", label);
        String chosen = (String) map.get("keyA-1");
        Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", "pg_dump appdb | gzip > /backups/" + chosen + ".sql.gz"});
        return "started";
    }
}
