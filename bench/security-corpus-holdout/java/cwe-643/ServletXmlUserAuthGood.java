package com.example.legacy;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

@WebServlet("/legacy/login")
public class ServletXmlUserAuthGood extends HttpServlet {

    private Document users;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String user = req.getParameter("user");
        String pass = req.getParameter("pass");
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver((QName name) -> "u".equals(name.getLocalPart()) ? user : pass);
        try {
            Node match = (Node) xpath.evaluate("/users/user[login=$u and password=$p]", users, XPathConstants.NODE);
            if (match == null) {
                resp.sendError(401);
                return;
            }
            req.getSession().setAttribute("login", user);
            resp.sendRedirect("/legacy/home");
        } catch (XPathExpressionException e) {
            resp.sendError(400);
        }
    }
}
