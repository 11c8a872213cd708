package com.example.portal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/theme.css")
public class ServletThemeCssBad extends HttpServlet {

    private static final String THEMES = "/opt/portal/themes/";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String theme = req.getParameter("name");
        if (theme == null) {
            theme = "default";
        }
        resp.setContentType("text/css");
        try (InputStream in = new FileInputStream(THEMES + theme + "/main.css")) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
