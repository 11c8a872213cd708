package com.example.links.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

public class MetadataJsoupBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String site = req.getParameter("site");
        String path = req.getParameter("path") == null ? "/" : req.getParameter("path");
        String address = String.format("http://%s%s", site, path);
        Document doc = Jsoup.connect(address).timeout(5000).get();
        resp.setContentType("text/plain");
        resp.getWriter().print(doc.select("meta[name=description]").attr("content").length());
    }
}
