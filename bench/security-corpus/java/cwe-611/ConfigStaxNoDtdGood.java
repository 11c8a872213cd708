package com.example.config.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

public class ConfigStaxNoDtdGood extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int entries = 0;
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(req.getInputStream());
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT && "entry".equals(reader.getLocalName())) {
                    entries++;
                }
            }
        } catch (XMLStreamException e) {
            resp.sendError(422);
            return;
        }
        resp.getWriter().println(entries);
    }
}
