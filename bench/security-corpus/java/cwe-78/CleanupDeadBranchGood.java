package com.example.maintenance.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CleanupDeadBranchGood extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pattern = request.getParameter("pattern");
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) {
            bar = "*.tmp";
        } else {
            bar = pattern;
        }
        String cmd = "find /srv/cache -name '" + bar + "' -delete";
        Runtime.getRuntime().exec(new String[] {"sh", "-c", cmd});
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
