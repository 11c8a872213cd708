package com.example.config.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

public class ConfigStaxReaderBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InputStream body = req.getInputStream();
        List<String> keys = new ArrayList<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            XMLStreamReader reader = factory.createXMLStreamReader(body);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT && "entry".equals(reader.getLocalName())) {
                    keys.add(reader.getAttributeValue(null, "key") + "=" + reader.getElementText());
                }
            }
        } catch (XMLStreamException e) {
            resp.sendError(422);
            return;
        }
        resp.getWriter().println(keys.size());
    }
}
