package com.example.docs;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/render/pdf")
public class ServletPdfRenderGood extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String page = req.getParameter("page");
        if (page == null || !page.matches("[a-z0-9/-]{1,100}")) {
            resp.sendError(400, "invalid page");
            return;
        }
        String output = "/tmp/render-" + System.nanoTime() + ".pdf";
        Process proc = new ProcessBuilder("wkhtmltopdf", "--quiet", "https://intranet.example.com/" + page, output)
                .redirectErrorStream(true)
                .start();
        try {
            if (proc.waitFor() != 0) {
                resp.sendError(502, "render failed");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resp.setContentType("application/pdf");
        java.nio.file.Files.copy(java.nio.file.Paths.get(output), resp.getOutputStream());
    }
}
