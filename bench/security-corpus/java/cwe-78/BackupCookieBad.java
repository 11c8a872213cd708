package com.example.backup.web;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class BackupCookieBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String label = "nightly";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if ("backup_label".equals(c.getName())) {
                    label = c.getValue();
                }
            }
        }
        String shellCmd = "pg_dump appdb | gzip > /backups/" + label + ".sql.gz";
        Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", shellCmd});
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
}
