package com.example.tracking;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/out")
public class ServletExitLinkGood extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String linkId = req.getParameter("id");
        String campaign = req.getParameter("c");
        String url = LinkRegistry.lookup(linkId);
        if (url == null) {
            resp.sendError(404);
            return;
        }
        ClickLog.record(campaign, url, req.getRemoteAddr());
        resp.sendRedirect(url);
    }
}
