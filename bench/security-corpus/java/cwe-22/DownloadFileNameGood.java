package com.example.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/download")
public class DownloadFileNameGood extends HttpServlet {
    private static final Path UPLOAD_DIR = Paths.get("/srv/app/uploads");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String name = Paths.get(request.getParameter("file")).getFileName().toString();
        Path file = UPLOAD_DIR.resolve(name);
        response.setContentType("application/octet-stream");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
