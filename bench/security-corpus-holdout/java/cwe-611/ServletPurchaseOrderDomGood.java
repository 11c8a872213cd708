package com.example.b2b;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet("/b2b/purchase-orders")
public class ServletPurchaseOrderDomGood extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setExpandEntityReferences(false);
            DocumentBuilder builder = dbf.newDocumentBuilder();
            Document po = builder.parse(req.getInputStream());
            String buyer = po.getElementsByTagName("buyer").item(0).getTextContent();
            resp.setContentType("text/plain");
            resp.getWriter().write("Accepted order from " + buyer);
        } catch (ParserConfigurationException | SAXException e) {
            resp.sendError(400, "malformed purchase order");
        }
    }
}
