package com.example.directory.web;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

public class UserDirectoryXPathBad extends HttpServlet {
    private Document users;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String name = request.getParameter("name");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            String email = xpath.evaluate("//user[@name='" + name + "']/email", users);
            response.getWriter().println(email);
        } catch (XPathExpressionException e) {
            throw new ServletException(e);
        }
    }
}
