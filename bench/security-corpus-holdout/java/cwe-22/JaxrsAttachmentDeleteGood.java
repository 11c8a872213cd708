package com.example.tickets.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import javax.ws.rs.DELETE;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;

@javax.ws.rs.Path("/tickets/{ticketId}/attachments")
public class JaxrsAttachmentDeleteGood {

    private static final String ROOT = "/var/tickets";

    @DELETE
    public Response remove(@PathParam("ticketId") long ticketId, @QueryParam("name") String name) throws IOException {
        java.nio.file.Path dir = Paths.get(ROOT, Long.toString(ticketId)).toAbsolutePath().normalize();
        java.nio.file.Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            return Response.status(400).build();
        }
        boolean deleted = Files.deleteIfExists(target);
        return deleted ? Response.noContent().build() : Response.status(404).build();
    }
}
