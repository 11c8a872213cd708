package com.example.tickets.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class AttachmentCanonicalGood extends HttpServlet {
    private static final File BASE = new File("/data/attachments");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        File candidate = new File(BASE, req.getParameter("doc"));
        String canonical = candidate.getCanonicalPath();
        if (!canonical.startsWith(BASE.getCanonicalPath() + File.separator)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        resp.setContentType("application/octet-stream");
        Files.copy(candidate.toPath(), resp.getOutputStream());
    }
}
