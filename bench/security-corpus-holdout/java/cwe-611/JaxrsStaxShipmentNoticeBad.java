package com.example.logistics.api;

import java.io.InputStream;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

@Path("/asn")
public class JaxrsStaxShipmentNoticeBad {

    @POST
    @Consumes(MediaType.APPLICATION_XML)
    public Response receive(InputStream body) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
        XMLStreamReader reader = factory.createXMLStreamReader(body);
        StringBuilder carriers = new StringBuilder();
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamReader.START_ELEMENT && "carrier".equals(reader.getLocalName())) {
                carriers.append(reader.getElementText()).append(';');
            }
        }
        return Response.ok(carriers.toString()).build();
    }
}
