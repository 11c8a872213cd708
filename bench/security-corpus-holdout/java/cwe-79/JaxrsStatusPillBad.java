package com.example.status.api;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

@Path("/status-pill")
public class JaxrsStatusPillBad {

    @GET
    @Path("/{service}")
    @Produces(MediaType.TEXT_HTML)
    public String pill(@PathParam("service") String service, @QueryParam("label") String label) {
        String state = StatusBoard.current(service);
        String text = label != null ? label : service;
        return String.format("<span class=\"pill pill-%s\">%s: %s</span>", state, text, state);
    }
}
