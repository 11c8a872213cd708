package com.example.events.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

@Path("/events")
public class JaxrsEventDefaultTypingGood {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(String body) throws IOException {
        ClickEvent event = MAPPER.readValue(body, ClickEvent.class);
        EventBus.publish(event);
        return Response.accepted().build();
    }
}
