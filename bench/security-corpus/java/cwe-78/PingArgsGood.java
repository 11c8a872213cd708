package com.example.tools.web;

import java.io.IOException;
import java.io.InputStream;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/tools/ping")
public class PingArgsGood extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String host = request.getParameter("host");
        ProcessBuilder pb = new ProcessBuilder("ping", "-c", "2", "--", host);
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        response.setContentType("text/plain");
        try (InputStream in = proc.getInputStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
