package com.example.events.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

@Path("/events")
public class JaxrsEventDefaultTypingBad {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.enableDefaultTyping();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(String body) throws IOException {
        Object event = MAPPER.readValue(body, Object.class);
        EventBus.publish(event);
        return Response.accepted().build();
    }
}
