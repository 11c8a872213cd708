package com.example.docs;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/render/pdf")
public class ServletPdfRenderBad extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String page = req.getParameter("page");
        String output = "/tmp/render-" + System.nanoTime() + ".pdf";
        String cmd = "wkhtmltopdf --quiet https://intranet.example.com/" + page + " " + output;
        Process proc = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
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
