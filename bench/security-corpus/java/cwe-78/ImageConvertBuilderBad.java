package com.example.media.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ImageConvertBuilderBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String file = req.getParameter("file");
        String size = "200x200";
        StringBuilder cmd = new StringBuilder("magick ");
        cmd.append("C:\\media\\in\\").append(file).append(" -resize ").append(size).append(" C:\\media\\out\\thumb.png");
        ProcessBuilder builder = new ProcessBuilder("cmd.exe", "/c", cmd.toString());
        Process proc = builder.start();
        try {
            resp.setStatus(proc.waitFor() == 0 ? 200 : 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.setStatus(503);
        }
    }
}
