package com.example.tracking;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/out")
public class ServletExitLinkBad extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String url = req.getParameter("url");
        String campaign = req.getParameter("c");
        ClickLog.record(campaign, url, req.getRemoteAddr());
        resp.sendRedirect(url);
    }
}
