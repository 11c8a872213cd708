package com.example.tickets.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import javax.ws.rs.DELETE;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;

@javax.ws.rs.Path("/tickets/{ticketId}/attachments")
public class JaxrsAttachmentDeleteBad {

    private static final String ROOT = "/var/tickets";

    @DELETE
    public Response remove(@PathParam("ticketId") long ticketId, @QueryParam("name") String name) throws IOException {
        java.nio.file.Path target = Paths.get(ROOT, Long.toString(ticketId), name);
        boolean deleted = Files.deleteIfExists(target);
        return deleted ? Response.noContent().build() : Response.status(404).build();
    }
}
